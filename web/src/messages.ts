// Every string of the UI in English, Chinese and Russian, one file per
// language under messages/. The Chinese and Russian tables must have every
// key of the English one (the compiler checks).
import { en } from './messages/en';
import type { Plural } from './messages/plural';
import { ru } from './messages/ru';
import { zh } from './messages/zh';

export type MessageKey = keyof typeof en;
export type Messages = { [K in MessageKey]: (typeof en)[K] extends Plural ? Plural : string };

export const MESSAGES: Record<'en' | 'zh' | 'ru', Messages> = { en: en as Messages, zh, ru };
