// The expert committee of a programme, for its three kinds of people:
// - the chair (members of the operator): sets the committee up, drafts and
//   publishes the reviewer assignment, sees conflicts, reviews and scores,
//   swaps a reviewer by hand, and decides;
// - an expert: their assigned projects (the applicant hidden in double-blind
//   review), the rubric review form, declining a project, their profile with
//   declared conflicts;
// - an applicant: submits projects and reads the committee's report once it
//   has decided.
export { CommitteePage } from './committee-page';
export { ExpertProfilePage, MyReviewsPage } from './expert';
export { ProgrammeReviewSection } from './programme-section';
export { ReviewProjectPage } from './project-page';
export { SubmitProjectPage } from './submit-project';
