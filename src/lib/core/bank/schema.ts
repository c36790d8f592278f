// The one question-set schema (ARCHITECTURE.md "Data"). The CLI, importers, editor and loader all
// validate through `parseSet`, so a set that passes here is safe to store and render.
import * as v from 'valibot';
import { isCanonicalRich, RICH_LIMITS } from './rich-text';

export const LIMITS = {
	/** Bytes a single imported file or pasted text may hold. */
	fileBytes: 5 * 1024 * 1024,
	questions: 20_000,
	idLength: 64,
	titleLength: 200,
	textLength: 4_000,
	optionLength: 1_000,
	options: 12,
	items: 20,
	tags: 20,
	tagLength: 40,
	sourceTextLength: 500_000
} as const;

export const QUESTION_TYPES = [
	'mcq',
	'multi',
	'truefalse',
	'short',
	'numeric',
	'cloze',
	'order',
	'match',
	'flashcard'
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * What kind of thing an answer is. Generated multiple choice offers only wrong answers of
 * the same kind, so a "Who…" question is never offered a province. For a flashcard it is
 * the kind of thing on the front (the back describes it).
 */
export const ANSWER_KINDS = [
	'person',
	'place',
	'group',
	'organisation',
	'date',
	'number',
	'event',
	'document',
	'concept'
] as const;
export type AnswerKindName = (typeof ANSWER_KINDS)[number];

const answerKind = v.optional(
	v.picklist(ANSWER_KINDS, `answerKind must be one of ${ANSWER_KINDS.join(', ')}`)
);

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/i;
const RESERVED_IDS = new Set(['constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);

const id = v.pipe(
	v.string('must be text'),
	v.minLength(1, 'must not be empty'),
	v.maxLength(LIMITS.idLength, `must be at most ${LIMITS.idLength} characters`),
	v.regex(ID_PATTERN, 'may hold only letters, digits, ".", "_" and "-"'),
	// Ids become object keys in places (progress maps, reports); these names are reserved.
	v.check((s: string) => !RESERVED_IDS.has(s), 'this name is reserved; choose another id')
);

const text = (what: string, max: number = LIMITS.textLength) =>
	v.pipe(
		v.string(`${what} must be text`),
		v.trim(),
		v.minLength(1, `empty ${what}`),
		v.maxLength(max, `${what} is longer than ${max} characters`)
	);

const optionalText = (what: string, max: number = LIMITS.textLength) =>
	v.optional(
		v.pipe(
			v.string(`${what} must be text`),
			v.trim(),
			v.maxLength(max, `${what} is longer than ${max} characters`)
		)
	);

const index = v.pipe(
	v.number('must be a number'),
	v.integer('must be a whole number'),
	v.minValue(0, 'must be 0 or more')
);

const finite = v.pipe(
	v.number('must be a number'),
	v.check((n: number) => Number.isFinite(n), 'must be a finite number')
);

const options = v.pipe(
	v.array(text('option', LIMITS.optionLength), 'options must be a list'),
	v.minLength(2, 'needs at least 2 options'),
	v.maxLength(LIMITS.options, `at most ${LIMITS.options} options`)
);

/** Canonical rich text (core/bank/rich-text.ts); anything else is refused, never cleaned up. */
const richText = (what: string) =>
	v.optional(
		v.pipe(
			v.string(`${what} must be text`),
			v.maxLength(
				RICH_LIMITS.htmlLength,
				`${what} is longer than ${RICH_LIMITS.htmlLength} characters`
			),
			v.check(isCanonicalRich, `${what} holds markup that is not allowed (see questions/README.md)`)
		)
	);

const common = {
	id,
	prompt: text('prompt'),
	explanation: optionalText('explanation'),
	/**
	 * The same texts with simple formatting and stored images, as a safe HTML subset. The
	 * plain fields stay the truth: a rich form is shown only while its text equals theirs.
	 */
	rich: v.optional(
		v.strictObject({
			prompt: richText('rich prompt'),
			back: richText('rich back'),
			explanation: richText('rich explanation')
		})
	),
	source: v.optional(
		v.strictObject({
			quote: text('quote')
		})
	),
	tags: v.optional(
		v.pipe(
			v.array(text('tag', LIMITS.tagLength), 'tags must be a list'),
			v.maxLength(LIMITS.tags, `at most ${LIMITS.tags} tags`)
		)
	),
	difficulty: v.optional(v.picklist([1, 2, 3], 'difficulty must be 1, 2 or 3')),
	/**
	 * Questions about one fact share a group name (siblings): asking one gives the others
	 * away, so a study day or a quiz should not ask two of them.
	 */
	group: v.optional(
		v.pipe(
			v.string('group must be text'),
			v.minLength(1, 'group must not be empty'),
			v.maxLength(LIMITS.idLength, `group must be at most ${LIMITS.idLength} characters`),
			v.regex(ID_PATTERN, 'group may hold only letters, digits, ".", "_" and "-"')
		)
	)
};

/** One correct option; `shuffle: false` keeps options like "All of the above" in place. */
export const McqSchema = v.strictObject({
	...common,
	type: v.literal('mcq'),
	options,
	answer: index,
	optionFeedback: v.optional(v.array(optionalText('feedback'))),
	shuffle: v.optional(v.boolean('shuffle must be true or false'))
});

/** Several correct options, graded with partial credit. */
export const MultiSchema = v.strictObject({
	...common,
	type: v.literal('multi'),
	options,
	answers: v.pipe(v.array(index), v.minLength(1, 'needs at least one correct option')),
	optionFeedback: v.optional(v.array(optionalText('feedback'))),
	shuffle: v.optional(v.boolean('shuffle must be true or false'))
});

/** The prompt is the statement; `answer` says whether it is true. */
export const TrueFalseSchema = v.strictObject({
	...common,
	type: v.literal('truefalse'),
	answer: v.boolean('answer must be true or false')
});

/** Typed answer; `answers[0]` is the one shown, the rest are accepted variants. */
export const ShortSchema = v.strictObject({
	...common,
	type: v.literal('short'),
	answers: v.pipe(
		v.array(text('answer', LIMITS.optionLength)),
		v.minLength(1, 'needs at least one accepted answer')
	),
	answerKind
});

/** Correct when within `tolerance` of `answer`. `computed` marks a figure derived from the source. */
export const NumericSchema = v.strictObject({
	...common,
	type: v.literal('numeric'),
	answer: finite,
	tolerance: v.optional(v.pipe(finite, v.minValue(0, 'tolerance must be 0 or more')), 0),
	unit: optionalText('unit', 40),
	computed: v.optional(v.boolean('computed must be true or false')),
	answerKind
});

/** The prompt holds the blanks, Anki style: `{{c1::answer::hint}}`. */
export const ClozeSchema = v.strictObject({
	...common,
	type: v.literal('cloze')
});

/** `items` in their correct order; the student puts them back in order. */
export const OrderSchema = v.strictObject({
	...common,
	type: v.literal('order'),
	items: v.pipe(
		v.array(text('item', LIMITS.optionLength)),
		v.minLength(2, 'needs at least 2 items'),
		v.maxLength(LIMITS.items, `at most ${LIMITS.items} items`)
	)
});

export const MatchSchema = v.strictObject({
	...common,
	type: v.literal('match'),
	pairs: v.pipe(
		v.array(
			v.strictObject({
				left: text('left side', LIMITS.optionLength),
				right: text('right side', LIMITS.optionLength)
			})
		),
		v.minLength(2, 'needs at least 2 pairs'),
		v.maxLength(LIMITS.items, `at most ${LIMITS.items} pairs`)
	)
});

/** Front is the prompt, `back` the answer. */
export const FlashcardSchema = v.strictObject({
	...common,
	type: v.literal('flashcard'),
	back: text('back'),
	answerKind
});

export const QuestionSchema = v.variant(
	'type',
	[
		McqSchema,
		MultiSchema,
		TrueFalseSchema,
		ShortSchema,
		NumericSchema,
		ClozeSchema,
		OrderSchema,
		MatchSchema,
		FlashcardSchema
	],
	`type must be one of ${QUESTION_TYPES.join(', ')}`
);

export const SourceSchema = v.strictObject({
	title: text('source title', LIMITS.titleLength),
	publisher: optionalText('publisher', LIMITS.titleLength),
	url: v.optional(
		v.pipe(
			v.string('url must be text'),
			v.trim(),
			v.regex(/^https?:\/\/\S+$/i, 'url must start with http:// or https://')
		)
	),
	/** Free text on purpose: a source may give only "August 2022 (inferred)". */
	date: optionalText('date', 80)
});

export const SetSchema = v.strictObject({
	id,
	version: v.optional(
		v.pipe(v.number(), v.integer('version must be a whole number'), v.minValue(1)),
		1
	),
	title: text('title', LIMITS.titleLength),
	description: optionalText('description'),
	language: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language must be a code such as "en"')
		),
		'en'
	),
	source: v.optional(SourceSchema),
	sourceText: optionalText('source text', LIMITS.sourceTextLength),
	questions: v.pipe(
		v.array(QuestionSchema, 'questions must be a list'),
		v.maxLength(LIMITS.questions, `at most ${LIMITS.questions} questions`)
	)
});

export type QuestionSet = v.InferOutput<typeof SetSchema>;
export type QuestionSetInput = v.InferInput<typeof SetSchema>;
export type Question = v.InferOutput<typeof QuestionSchema>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;
