// Partnering events, for their two kinds of people:
// - a delegate: registers with their availability, is offered delegates to
//   meet, asks for meetings and answers requests, reads their agenda in their
//   own time zone (and downloads it as a calendar), and after each meeting
//   says whether it was held and whether to follow up (which opens a deal);
// - an organiser: creates the event from days and sessions, sees its slots,
//   tables and rooms, drafts the schedule, reviews it against its upper
//   bound, and publishes it.
export { EventFormPage } from './event-form';
export { EventPage } from './event-page';
export { EventsPage } from './events-page';
export { OrganiseEventPage } from './organise';
export { ParticipantProfilePage } from './participants';
export { CheckInPage, PrintAgendasPage, PrintSignsPage } from './venue';
