import Callout from './Callout.astro';
import Checklist from './Checklist.astro';
import Download from './Download.astro';
import Figure from './Figure.astro';
import KeyFigure from './KeyFigure.astro';
import LegalRef from './LegalRef.astro';
import MindMap from './MindMap.astro';
import SlideBreak from './SlideBreak.astro';
import SpeakerNotes from './SpeakerNotes.astro';
import Steps from './Steps.astro';

export { Callout, Checklist, Download, Figure, KeyFigure, LegalRef, MindMap, SlideBreak, SpeakerNotes, Steps };

/** Components available in every MDX file without imports (passed to `<Content components>`). */
export const mdxComponents = {
  Callout,
  Checklist,
  Download,
  Figure,
  KeyFigure,
  LegalRef,
  MindMap,
  SlideBreak,
  SpeakerNotes,
  Steps,
};
