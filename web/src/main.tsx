import { render } from 'preact';
import { App } from './app';
import './styles.css';

const root = document.getElementById('app')!;
// A public page arrives with its content in the HTML for readers without
// JavaScript (src/api/public_page.h); the live page takes its place.
root.replaceChildren();
render(<App />, root);
