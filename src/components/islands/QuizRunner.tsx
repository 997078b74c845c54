/**
 * Takes one quiz attempt in the browser: renders the public questions, saves every answer as
 * soon as it is given (retrying when the connection comes back), submits, and shows the graded
 * feedback. It knows nothing of answer keys: it only receives PublicQuestion and, after the
 * submit, GradedFeedback.
 *
 * `save` and `submit` are injected so that this component stays independent of transport; an
 * Astro page cannot pass functions to an island, so a thin island wraps it with the endpoint
 * or action calls (phase 2).
 */
import { For, Match, Show, Switch, createSignal, onCleanup, onMount } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { Answer, AnswerMap, QuestionAnswer } from '../../lib/schemas/quiz-answer';
import { formatNumber } from '../../lib/shared/format';
import { describeAnswer, describeCorrectAnswer, isAnswered } from '../../lib/shared/quiz/describe';
import { answerFieldName } from '../../lib/shared/quiz/field-names';
import { QUIZ_MESSAGES, quizMessage } from '../../lib/shared/quiz/messages';
import type {
  GradedFeedback,
  PublicChoice,
  PublicQuestion,
  QuestionFeedback,
  SaveResult,
  SubmitResult,
} from '../../lib/shared/quiz/types';
import '../../styles/quiz.css';

export interface QuizRunnerProps {
  questions: PublicQuestion[];
  /** Answers saved earlier in this attempt (after a reload). */
  initialAnswers?: AnswerMap;
  save: (input: QuestionAnswer) => Promise<SaveResult>;
  /** Told of every answer at once, before the (possibly delayed) save: lets the caller keep it safe. */
  onAnswer?: (input: QuestionAnswer) => void;
  submit: () => Promise<SubmitResult>;
  /** Feedback of an attempt already graded: shown instead of the questions. */
  feedback?: GradedFeedback;
  /** Prefix of element ids, unique on the page. */
  idPrefix?: string;
}

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

const TEXT_SAVE_DELAY_MS = 800;
const RETRY_DELAY_MS = 5000;

export default function QuizRunner(props: QuizRunnerProps) {
  const prefix = () => props.idPrefix ?? 'quiz';
  const [answers, setAnswers] = createStore<AnswerMap>({ ...props.initialAnswers });
  const [saveState, setSaveState] = createSignal<SaveState>('idle');
  const [saveError, setSaveError] = createSignal<string | null>(null);
  const [announcement, setAnnouncement] = createSignal('');
  const [submitting, setSubmitting] = createSignal(false);
  const [submitError, setSubmitError] = createSignal<string | null>(null);
  const [feedback, setFeedback] = createSignal<GradedFeedback | undefined>(props.feedback);
  let resultHeading: HTMLHeadingElement | undefined;

  // Latest unsaved answer per question; a newer answer replaces an older one still waiting.
  const pending = new Map<string, Answer>();
  let flushing: Promise<void> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const textTimers = new Map<string, ReturnType<typeof setTimeout>>();

  async function flush(): Promise<void> {
    let refused: string | null = null;
    while (pending.size > 0) {
      const [questionId, answer] = pending.entries().next().value as [string, Answer];
      setSaveState('saving');
      let result: SaveResult;
      try {
        result = await props.save({ questionId, answer });
      } catch {
        result = { ok: false, message: QUIZ_MESSAGES.saveFailed, retry: true };
      }
      if (!result.ok && result.retry) {
        setSaveState('failed');
        setSaveError(QUIZ_MESSAGES.saveFailed);
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => void startFlush(), RETRY_DELAY_MS);
        return;
      }
      // Only forget the entry if no newer answer arrived while this one was on its way.
      if (pending.get(questionId) === answer) pending.delete(questionId);
      // A refused answer (the server's message says why) must not hold back the others.
      if (!result.ok) refused = result.message;
    }
    setSaveState(refused ? 'failed' : 'saved');
    setSaveError(refused);
  }

  function startFlush(): Promise<void> {
    flushing ??= flush().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  function setAnswer(questionId: string, answer: Answer, options: { delay?: number } = {}) {
    setAnswers(questionId, reconcile(answer));
    props.onAnswer?.({ questionId, answer });
    pending.set(questionId, answer);
    clearTimeout(textTimers.get(questionId));
    if (options.delay) {
      textTimers.set(
        questionId,
        setTimeout(() => void startFlush(), options.delay),
      );
      return;
    }
    void startFlush();
  }

  onMount(() => {
    const retry = () => void startFlush();
    window.addEventListener('online', retry);
    onCleanup(() => {
      window.removeEventListener('online', retry);
      clearTimeout(retryTimer);
      textTimers.forEach((t) => clearTimeout(t));
    });
  });

  const unansweredCount = () => props.questions.filter((q) => !isAnswered(answers[q.id])).length;

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (submitting()) return;
    setSubmitError(null);
    setSubmitting(true);
    try {
      textTimers.forEach((t) => clearTimeout(t));
      await startFlush();
      if (pending.size > 0) {
        setSubmitError(QUIZ_MESSAGES.saveFailed);
        return;
      }
      const result = await props.submit();
      if (!result.ok) {
        setSubmitError(result.message);
        return;
      }
      setFeedback(result.feedback);
      resultHeading?.focus();
    } catch {
      setSubmitError(QUIZ_MESSAGES.submitFailed);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div class="quiz" data-pagefind-ignore="all">
      <Show
        when={feedback()}
        fallback={
          <form class="quiz-form" onSubmit={onSubmit} novalidate>
            <For each={props.questions}>
              {(question, index) => (
                <QuestionField
                  question={question}
                  number={index() + 1}
                  idBase={`${prefix()}-${question.id}`}
                  answer={answers[question.id]}
                  onAnswer={(answer, delay) => setAnswer(question.id, answer, { delay })}
                  announce={setAnnouncement}
                  disabled={submitting()}
                />
              )}
            </For>

            <div class="quiz-actions">
              <p class="quiz-save-status" role="status" data-state={saveState()}>
                <Switch>
                  <Match when={saveState() === 'saving'}>{QUIZ_MESSAGES.saving}</Match>
                  <Match when={saveState() === 'saved'}>{QUIZ_MESSAGES.saved}</Match>
                  <Match when={saveState() === 'failed'}>{saveError()}</Match>
                </Switch>
              </p>
              <Show when={unansweredCount() > 0}>
                <p class="quiz-unanswered">{quizMessage('unanswered', { n: unansweredCount() })}</p>
              </Show>
              <Show when={submitError()}>
                <p class="quiz-error" role="alert">
                  {submitError()}
                </p>
              </Show>
              <button type="submit" aria-disabled={submitting()}>
                {submitting() ? QUIZ_MESSAGES.submitting : QUIZ_MESSAGES.submit}
              </button>
            </div>
            <p class="visually-hidden" aria-live="polite">
              {announcement()}
            </p>
          </form>
        }
      >
        {(graded) => <FeedbackView feedback={graded()} headingRef={(el) => (resultHeading = el)} idPrefix={prefix()} />}
      </Show>
    </div>
  );
}

interface QuestionFieldProps {
  question: PublicQuestion;
  number: number;
  idBase: string;
  answer: Answer | undefined;
  onAnswer: (answer: Answer, delay?: number) => void;
  announce: (message: string) => void;
  disabled: boolean;
}

function QuestionField(props: QuestionFieldProps) {
  const hintId = `${props.idBase}-hint`;
  // <For> keys rows by question object, so a row's question (and its type) never changes.
  const question = props.question;
  const hint = (text: string) => (
    <p class="quiz-hint" id={hintId}>
      {text}
    </p>
  );

  /** The hint, then the question's options as radios or checkboxes. */
  const choices = (hintText: string, list: Pick<ChoiceListProps, 'kind' | 'options' | 'checked' | 'onToggle'>) => (
    <>
      {hint(hintText)}
      <ChoiceList {...list} name={answerFieldName(question.id)} idBase={props.idBase} disabled={props.disabled} />
    </>
  );

  const body = () => {
    switch (question.type) {
      case 'single':
        return choices(QUIZ_MESSAGES.chooseOne, {
          kind: 'radio',
          options: question.options,
          checked: (id) => props.answer?.type === 'single' && props.answer.optionId === id,
          onToggle: (id) => props.onAnswer({ type: 'single', optionId: id }),
        });
      case 'multiple': {
        const selected = () => (props.answer?.type === 'multiple' ? props.answer.optionIds : []);
        return choices(QUIZ_MESSAGES.chooseMany, {
          kind: 'checkbox',
          options: question.options,
          checked: (id) => selected().includes(id),
          onToggle: (id, on) => {
            const next = new Set(selected());
            if (on) next.add(id);
            else next.delete(id);
            // Display order, so that a saved answer does not depend on the order of clicks.
            props.onAnswer({
              type: 'multiple',
              optionIds: question.options.map((o) => o.id).filter((x) => next.has(x)),
            });
          },
        });
      }
      case 'truefalse':
        return choices(QUIZ_MESSAGES.chooseOne, {
          kind: 'radio',
          options: [
            { id: 'true', text: QUIZ_MESSAGES.true },
            { id: 'false', text: QUIZ_MESSAGES.false },
          ],
          checked: (id) => props.answer?.type === 'truefalse' && String(props.answer.value) === id,
          onToggle: (id) => props.onAnswer({ type: 'truefalse', value: id === 'true' }),
        });
      case 'ordering':
        return (
          <>
            {hint(QUIZ_MESSAGES.orderingHint)}
            <OrderingField
              question={question}
              idBase={props.idBase}
              answer={props.answer}
              onAnswer={props.onAnswer}
              announce={props.announce}
              disabled={props.disabled}
            />
          </>
        );
      case 'text':
        return (
          <>
            <label class="quiz-hint" id={hintId} for={`${props.idBase}-text`}>
              {QUIZ_MESSAGES.textLabel}
            </label>
            <input
              type="text"
              id={`${props.idBase}-text`}
              name={answerFieldName(question.id)}
              class="quiz-text"
              autocomplete="off"
              maxLength={question.maxLength}
              value={props.answer?.type === 'text' ? props.answer.text : ''}
              readOnly={props.disabled}
              onInput={(e) => props.onAnswer({ type: 'text', text: e.currentTarget.value }, TEXT_SAVE_DELAY_MS)}
              onChange={(e) => props.onAnswer({ type: 'text', text: e.currentTarget.value })}
            />
          </>
        );
    }
  };

  return (
    <fieldset class="quiz-question" aria-describedby={hintId}>
      <legend>
        <span class="quiz-number">{quizMessage('questionNumber', { n: props.number })}</span>{' '}
        <span class="quiz-points">({quizMessage('points', { points: question.points })})</span>{' '}
        <span class="quiz-prompt">{question.prompt}</span>
      </legend>
      {body()}
    </fieldset>
  );
}

interface ChoiceListProps {
  kind: 'radio' | 'checkbox';
  name: string;
  idBase: string;
  options: PublicChoice[];
  checked: (id: string) => boolean;
  onToggle: (id: string, on: boolean) => void;
  disabled: boolean;
}

function ChoiceList(props: ChoiceListProps) {
  return (
    <ul class="quiz-choices">
      <For each={props.options}>
        {(option) => {
          const id = `${props.idBase}-${option.id}`;
          return (
            <li>
              <input
                type={props.kind}
                id={id}
                name={props.name}
                value={option.id}
                checked={props.checked(option.id)}
                disabled={props.disabled}
                onChange={(e) => props.onToggle(option.id, e.currentTarget.checked)}
              />{' '}
              <label for={id}>{option.text}</label>
            </li>
          );
        }}
      </For>
    </ul>
  );
}

const MOVES = {
  up: { step: -1, message: 'moveUp', arrow: '↑' },
  down: { step: 1, message: 'moveDown', arrow: '↓' },
} as const;

function OrderingField(props: {
  question: Extract<PublicQuestion, { type: 'ordering' }>;
  idBase: string;
  answer: Answer | undefined;
  onAnswer: (answer: Answer) => void;
  announce: (message: string) => void;
  disabled: boolean;
}) {
  const itemIds = () =>
    props.answer?.type === 'ordering' ? props.answer.itemIds : props.question.items.map((item) => item.id);
  const textOf = (id: string) => props.question.items.find((item) => item.id === id)?.text ?? '';
  const buttonId = (itemId: string, direction: 'up' | 'down') => `${props.idBase}-${itemId}-${direction}`;

  function move(from: number, to: number, direction: 'up' | 'down') {
    const order = [...itemIds()];
    const [moved] = order.splice(from, 1);
    if (moved === undefined || to < 0 || to >= order.length + 1) return;
    order.splice(to, 0, moved);
    props.onAnswer({ type: 'ordering', itemIds: order });
    props.announce(quizMessage('moved', { item: textOf(moved), n: to + 1, total: order.length }));
    // Keep focus on the moved item; at an edge the button in that direction is gone, so use the other.
    queueMicrotask(() => {
      const atEdge = (direction === 'up' && to === 0) || (direction === 'down' && to === order.length - 1);
      const target = atEdge ? (direction === 'up' ? 'down' : 'up') : direction;
      document.getElementById(buttonId(moved, target))?.focus();
    });
  }

  /** The button moving an item one place up or down, named after the item. */
  const moveButton = (itemId: string, index: () => number, direction: 'up' | 'down') => {
    const { step, message, arrow } = MOVES[direction];
    return (
      <button
        type="button"
        id={buttonId(itemId, direction)}
        class="quiz-move"
        aria-label={quizMessage(message, { item: textOf(itemId) })}
        disabled={props.disabled}
        onClick={() => move(index(), index() + step, direction)}
      >
        {arrow}
      </button>
    );
  };

  return (
    <ol class="quiz-ordering">
      <For each={itemIds()}>
        {(itemId, index) => (
          <li>
            <span class="quiz-ordering-text">{textOf(itemId)}</span>
            <span class="quiz-ordering-buttons">
              <Show when={index() > 0}>{moveButton(itemId, index, 'up')}</Show>
              <Show when={index() < itemIds().length - 1}>{moveButton(itemId, index, 'down')}</Show>
            </span>
          </li>
        )}
      </For>
    </ol>
  );
}

function FeedbackView(props: {
  feedback: GradedFeedback;
  headingRef: (el: HTMLHeadingElement) => void;
  idPrefix: string;
}) {
  const headingId = () => `${props.idPrefix}-result`;
  return (
    <section class="quiz-result" aria-labelledby={headingId()}>
      <h2 id={headingId()} tabindex="-1" ref={props.headingRef}>
        {QUIZ_MESSAGES.resultHeading}
      </h2>
      <p class="quiz-score">
        {quizMessage('score', {
          earned: formatNumber(props.feedback.earned),
          total: formatNumber(props.feedback.total),
          percent: formatNumber(props.feedback.percent),
        })}
      </p>
      <p class="quiz-verdict" data-passed={String(props.feedback.passed)}>
        {quizMessage(props.feedback.passed ? 'passed' : 'failed', {
          passPercent: formatNumber(props.feedback.passPercent),
        })}
      </p>
      <Show when={!props.feedback.visibility.showCorrectAnswersAndExplanations}>
        <p class="quiz-hint">{QUIZ_MESSAGES.reviewLater}</p>
      </Show>
      <ol class="quiz-feedback-list">
        <For each={props.feedback.questions}>{(item) => <QuestionFeedbackView item={item} />}</For>
      </ol>
    </section>
  );
}

function QuestionFeedbackView(props: { item: QuestionFeedback }) {
  const verdict = () =>
    !props.item.answer
      ? QUIZ_MESSAGES.answerMissing
      : props.item.correct
        ? QUIZ_MESSAGES.answerCorrect
        : props.item.partial
          ? QUIZ_MESSAGES.answerPartial
          : QUIZ_MESSAGES.answerIncorrect;
  const state = () => (props.item.correct ? 'correct' : props.item.partial ? 'partial' : 'incorrect');
  const given = () => describeAnswer(props.item.question, props.item.answer);
  return (
    <li class="quiz-feedback" data-state={state()}>
      <p class="quiz-prompt">{props.item.question.prompt}</p>
      <p class="quiz-verdict-line">
        <strong>{verdict()}</strong> ({props.item.earned}/{props.item.points})
      </p>
      <dl>
        <Show when={given()}>
          <dt>{QUIZ_MESSAGES.yourAnswer}</dt>
          <dd>{given()}</dd>
        </Show>
        <Show when={props.item.correctAnswer}>
          {(correct) => (
            <>
              <dt>{QUIZ_MESSAGES.correctAnswer}</dt>
              <dd>{describeCorrectAnswer(props.item.question, correct())}</dd>
            </>
          )}
        </Show>
        <Show when={props.item.explanation}>
          <dt>{QUIZ_MESSAGES.explanation}</dt>
          <dd>{props.item.explanation}</dd>
        </Show>
      </dl>
      <Show when={props.item.optionFeedback?.length}>
        <ul class="quiz-option-feedback">
          <For each={props.item.optionFeedback}>{(f) => <li>{f.text}</li>}</For>
        </ul>
      </Show>
    </li>
  );
}
