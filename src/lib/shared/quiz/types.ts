/**
 * What the browser may see of a quiz attempt. These shapes are built on the server from the
 * quiz definition and the attempt layout; none of them carries an answer key before grading.
 */
import type { Answer } from '../../schemas/quiz-answer';

export type QuestionType = 'single' | 'multiple' | 'truefalse' | 'ordering' | 'text';

interface PublicQuestionBase {
  id: string;
  prompt: string;
  points: number;
}

/** An option or ordering item as shown: id and text only. */
export interface PublicChoice {
  id: string;
  text: string;
}

export type PublicQuestion =
  | (PublicQuestionBase & { type: 'single'; options: PublicChoice[] })
  | (PublicQuestionBase & { type: 'multiple'; options: PublicChoice[] })
  | (PublicQuestionBase & { type: 'truefalse' })
  /** Items in the attempt's shuffled order, with ids that are opaque per attempt. */
  | (PublicQuestionBase & { type: 'ordering'; items: PublicChoice[] })
  | (PublicQuestionBase & { type: 'text'; maxLength: number });

/** What the learner may see after submitting (see reviewVisibility). */
export interface ReviewVisibility {
  /** Whether each answer was right: always shown once the attempt is submitted. */
  showCorrectness: true;
  /** Correct answers, explanations and option feedback: after passing or after the last allowed attempt. */
  showCorrectAnswersAndExplanations: boolean;
}

/** The right answer of a question, expressed with the ids the attempt showed. */
export type CorrectAnswer =
  | { type: 'single'; optionId: string }
  | { type: 'multiple'; optionIds: string[] }
  | { type: 'truefalse'; value: boolean }
  | { type: 'ordering'; itemIds: string[] }
  | { type: 'text'; accepted: string[] };

/** Feedback on one question after grading. */
export interface QuestionFeedback {
  question: PublicQuestion;
  /** The learner's answer as saved, or null when unanswered. */
  answer: Answer | null;
  correct: boolean;
  /** Some but not all of the answer was right (multiple choice, ordering); earns nothing. */
  partial: boolean;
  points: number;
  earned: number;
  /** Present only when the visibility allows it. */
  correctAnswer?: CorrectAnswer;
  explanation?: string;
  /** Feedback of the options the learner chose, when authored and allowed. */
  optionFeedback?: { optionId: string; text: string }[];
}

/** What the browser receives after a submit. */
export interface GradedFeedback {
  percent: number;
  passed: boolean;
  passPercent: number;
  earned: number;
  total: number;
  visibility: ReviewVisibility;
  questions: QuestionFeedback[];
}

/** What saving one answer returns to the island. `retry` says whether trying again may help. */
export type SaveResult = { ok: true } | { ok: false; message: string; retry: boolean };

/** What submitting an attempt returns to the island. */
export type SubmitResult = { ok: true; feedback: GradedFeedback } | { ok: false; message: string };
