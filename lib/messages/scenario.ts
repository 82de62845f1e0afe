/**
 * The words of the Scenario editor (title, question, summary, decision-maker,
 * sources, actors, context items), of reading a pasted or uploaded source
 * (lib/source-import refusals), and of the inspector's section on the actors
 * and context bearing on a branch.
 */
import type { ActorKind } from '@/lib/model/schema';
import type { SourceKind, BearingKind } from '@/lib/doc/scenario-ops';
import type { SourceRefusal } from '@/lib/source-import';
import { digits } from './count';

const n = digits;
const count = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

export const ACTOR_KIND_LABEL: Record<ActorKind, string> = {
  state: 'State',
  government: 'Government',
  'armed-group': 'Armed group',
  person: 'Person',
  organisation: 'Organisation',
  alliance: 'Alliance',
  other: 'Other',
};

export const SOURCE_KIND_LABEL: Record<SourceKind, string> = {
  article: 'Article',
  report: 'Report',
  speech: 'Speech',
  interview: 'Interview',
  dataset: 'Dataset',
  book: 'Book',
  other: 'Other',
};

type RefusalWords = { [C in SourceRefusal['code']]: (r: Extract<SourceRefusal, { code: C }>) => string };

/** Reading a pasted or uploaded source: why it was refused, by the refusal's code. */
const SOURCE_REFUSAL: RefusalWords = {
  empty: () => 'There is no text to keep: the source is empty.',
  binary: () =>
    'This is not plain text or Markdown (it looks like a binary file, such as a PDF, a Word document or an image). Save it as a .txt or .md file, or paste its text.',
  'too-long': (r) => `This source is too long (${n(r.length)} characters); a source holds at most ${n(r.max)}.`,
  'not-text-file': (r) => `“${r.name}” is not a plain text or Markdown file. Choose a .txt, .md or .markdown file, or paste the text.`,
};

export function sourceRefusalText(r: SourceRefusal): string {
  return (SOURCE_REFUSAL[r.code] as (r: SourceRefusal) => string)(r);
}

export const EDITOR = {
  title: 'Scenario details',
  tabsLabel: 'Parts of the scenario',
  done: 'Done',
  save: 'Save',
  cancel: 'Cancel',
  edit: 'Edit',
  remove: 'Remove',
  add: 'Add',
  tabs: { details: 'Details', sources: 'Sources', actors: 'Actors', context: 'Context' },
  // details
  fieldTitle: 'Title',
  fieldQuestion: 'The question being decided',
  fieldSummary: 'Summary',
  summaryHint: 'A paragraph of context shown under “About this scenario”.',
  fieldDecisionMaker: 'Decision-maker',
  decisionMakerHint: 'The actor who takes the root decision.',
  saveDetails: 'Save details',
  detailsSaved: 'Details saved.',
  titleRequired: 'The title must not be empty.',
  questionRequired: 'The question must not be empty.',
  // sources
  sourcesIntro: 'The texts this scenario is drawn from. Paste a source’s text or upload a .txt or .md file; quotes cite it by paragraph (its non-empty lines).',
  noSources: 'No sources yet.',
  addSource: 'Add a source',
  editSource: 'Edit source',
  fieldSourceTitle: 'Title',
  fieldSourceKind: 'Kind',
  fieldAuthor: 'Author',
  fieldPublisher: 'Publisher',
  fieldPublished: 'Published',
  publishedPlaceholder: 'e.g. 2021-10-02',
  fieldLocation: 'Where it lives',
  locationHint: 'A reference for you (a web address, a shelf mark); never opened by the app.',
  fieldText: 'Text (plain text or Markdown)',
  textPlaceholder: 'Paste the source’s text here…',
  upload: 'Upload a .txt or .md file',
  sourceTitleRequired: 'A source needs a title.',
  sourceAdded: (title: string) => `Source “${title}” added.`,
  sourceMeta: (paragraphs: number, quotes: number) =>
    `${paragraphs ? count(paragraphs, 'paragraph') : 'no text'} · ${count(quotes, 'quote')} cited`,
  textRead: (chars: number, name: string) => `Read ${n(chars)} characters${name ? ` from “${name}”` : ''}.`,
  removeSourceAsk: (quotes: number) =>
    quotes ? `Remove this source and the ${count(quotes, 'quote')} taken from it, from every branch and record citing them?` : 'Remove this source?',
  // actors and context
  actorsIntro: 'The people, groups and states in play. Link each to the branches it bears on, here or in a branch’s inspector.',
  contextIntro: 'Background that bears on branches: events, groups, regional powers.',
  noActors: 'No actors yet.',
  noContext: 'No context items yet.',
  addActor: 'Add an actor',
  addContext: 'Add a context item',
  editActor: 'Edit actor',
  editContext: 'Edit context item',
  fieldName: 'Name',
  fieldActorKind: 'Kind',
  fieldContextTitle: 'Title',
  fieldDescription: 'Description',
  nameRequired: 'A name is needed.',
  contextTitleRequired: 'A title is needed.',
  decisionMakerBadge: 'Decision-maker',
  cannotRemoveDecisionMaker: 'The decision-maker cannot be removed: choose another decision-maker under Details first.',
  bearsOn: (branches: number) => (branches ? `Bears on ${count(branches, 'branch', 'branches')}` : 'Bears on no branch yet'),
  removeBearingAsk: (kind: BearingKind, branches: number) =>
    `Remove this ${kind === 'actors' ? 'actor' : 'context item'}${branches ? ` and its links to ${count(branches, 'branch', 'branches')}` : ''}?`,
} as const;

/** The inspector's section on what bears on the selected branch. */
export const BEARING = {
  section: 'Actors and context',
  actorsHead: 'Actors',
  contextHead: 'Context',
  noActors: 'No actors linked to this branch.',
  noContext: 'No context linked to this branch.',
  unlink: 'Unlink',
  unlinkLabel: (name: string) => `Unlink “${name}” from this branch`,
  linkActor: 'Link an actor…',
  linkContext: 'Link a context item…',
  linkActorLabel: 'Link an actor to this branch',
  linkContextLabel: 'Link a context item to this branch',
  link: 'Link',
  manage: 'Add or edit actors and context…',
  alsoOn: 'Also bears on:',
} as const;
