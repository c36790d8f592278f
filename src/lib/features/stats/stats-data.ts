// Everything the Stats screen draws, from the rows the state class read. Pure apart from
// the timezone lookup for `now`, which is what the user's calendar means by "today".
import {
	DAY_MS,
	dayKey,
	dayNumber,
	dueForecast,
	forecastFromCounts,
	masteryBySet,
	masteryFromCount,
	setMastery,
	reviewsPerDay,
	startOfDay,
	studyCalendar,
	trueRetention,
	dayFromKey,
	dayWeight,
	inBreak,
	retentionBy,
	retentionByAge,
	type AgeBucket,
	type RetentionCell,
	DEFAULT_SETTINGS,
	type SrsSettings,
	type DayCount,
	type DayOptions,
	type Retention,
	type ReviewDay,
	type ReviewEntry,
	type SetMastery,
	type StoredCard
} from '$lib/core/srs';
import { calendarGrid, calendarStart, type CalendarGrid } from '$lib/core/srs/calendar';
import { emptyCount, type CardCount } from '$lib/core/srs/card-count';
import {
	tallyBy,
	tallyByAge,
	tallyCalendar,
	tallyPerDay,
	tallyRetention,
	tallySlot,
	type ReviewTally
} from '$lib/core/srs/tally';
import type { CatalogEntry } from '$lib/platform/catalog/catalog';
import type { QuestionType } from '$lib/core/bank/schema';
import { TYPE_LABELS } from '$lib/core/text/labels';

export const CHART_DAYS = 30;
export const CALENDAR_WEEKS = 12;

export interface SetStatsRow extends SetMastery {
	title: string;
	origin: CatalogEntry['origin'];
}

export interface StatsData {
	/** Today's "YYYY-MM-DD". */
	today: string;
	/** Cards due now, counted as Home counts them (`dueBySet`). */
	dueNow: number;
	perDay: ReviewDay[];
	/** Over the last CHART_DAYS days. */
	retention: Retention;
	/** "YYYY-MM-DD": the breakdowns below count answers from this day on (the data read). */
	retentionSince: string;
	/** True retention by days since the previous answer, shortest first. */
	retentionByAge: { bucket: AgeBucket; cell: RetentionCell }[];
	/** True retention by the question's type; `null` is a question no set on this device has. */
	retentionByType: { type: QuestionType | null; cell: RetentionCell }[];
	forecast: DayCount[];
	/** What the workload settings say about each forecast day (same order). */
	forecastPlan: DayPlan[];
	workload: Pick<SrsSettings, 'loadBalance' | 'vacation'>;
	calendar: CalendarGrid;
	/** Consecutive study days up to today; `streakAtLeast` when it reaches past the data read. */
	streak: number;
	streakAtLeast: boolean;
	sets: SetStatsRow[];
}

/** A forecast day's workload setting: a break, an easy day, or an ordinary day (null). */
export type DayPlan = 'break' | 'reduced' | 'minimum' | null;

export function forecastPlan(
	days: readonly DayCount[],
	settings: Pick<SrsSettings, 'easyDays' | 'vacation'>
): DayPlan[] {
	return days.map(({ day }) => {
		const d = dayFromKey(day);
		if (inBreak(d, settings.vacation)) return 'break';
		const w = dayWeight(d, settings);
		return w < 0.1 ? 'minimum' : w < 1 ? 'reduced' : null;
	});
}

export function dayOptions(now: number): DayOptions {
	return { offsetMinutes: new Date(now).getTimezoneOffset() };
}

/** The first moment whose answers the screen needs: the calendar's first day. */
export function statsWindowStart(now: number): number {
	const opts = dayOptions(now);
	const today = dayNumber(now, opts);
	return startOfDay(now, opts) - (today - calendarStart(today, CALENDAR_WEEKS)) * DAY_MS;
}

const TYPE_ORDER = Object.keys(TYPE_LABELS) as QuestionType[];

/** Rows in the order types are listed everywhere, the unknown ones last; empty types left out. */
export function retentionByType(
	entries: readonly ReviewEntry[],
	types: ReadonlyMap<string, QuestionType>
): { type: QuestionType | null; cell: RetentionCell }[] {
	return typeRows(retentionBy(entries, (e) => types.get(e.cardId) ?? null));
}

function typeRows(
	by: ReadonlyMap<QuestionType | null, RetentionCell>
): { type: QuestionType | null; cell: RetentionCell }[] {
	return [...TYPE_ORDER, null].flatMap((type) => {
		const cell = by.get(type);
		return cell ? [{ type, cell }] : [];
	});
}

/** The streak may go on before the first day read; say "at least" then. */
function reachesStart(cal: { days: DayCount[]; streak: number }, today: number, first: number) {
	if (cal.streak === 0) return false;
	const end = cal.days.at(-1)?.day === dayKey(today) ? today : today - 1;
	return end - cal.streak + 1 <= first;
}

/** What the screen shows from the review log: the same numbers from either source. */
export interface LogFigures {
	perDay: ReviewDay[];
	retention: Retention;
	retentionByAge: { bucket: AgeBucket; cell: RetentionCell }[];
	retentionByType: { type: QuestionType | null; cell: RetentionCell }[];
	calendar: { days: DayCount[]; streak: number };
}

interface LogInput {
	now: number;
	desiredRetention: number;
	/** Card id → the question's type, for retention by type (missing ids count as unknown). */
	questionTypes?: ReadonlyMap<string, QuestionType>;
}

/** The figures from the answers themselves (since statsWindowStart(now)). */
export function figuresFromEntries(
	entries: readonly ReviewEntry[],
	{ now, desiredRetention, questionTypes = new Map() }: LogInput
): LogFigures {
	const opts = dayOptions(now);
	const chartFrom = startOfDay(now, opts) - (CHART_DAYS - 1) * DAY_MS;
	const recent = entries.filter((e) => e.reviewedAt >= chartFrom);
	return {
		perDay: reviewsPerDay(recent, now, { ...opts, days: CHART_DAYS }),
		retention: trueRetention(recent, desiredRetention),
		retentionByAge: retentionByAge(entries),
		retentionByType: retentionByType(entries, questionTypes),
		calendar: studyCalendar(entries, now, opts)
	};
}

/**
 * The same figures from the review tallies since statsWindowStart(now) (core/srs/tally.ts):
 * a few hundred records instead of every answer. Only where study days are whole
 * quarter hours (`talliesFitDays`), which is everywhere today.
 */
export function figuresFromTallies(
	tallies: readonly ReviewTally[],
	{ now, desiredRetention, questionTypes = new Map() }: LogInput
): LogFigures {
	const opts = dayOptions(now);
	const chartFrom = tallySlot(startOfDay(now, opts) - (CHART_DAYS - 1) * DAY_MS);
	const recent = tallies.filter((t) => t.slot >= chartFrom);
	return {
		perDay: tallyPerDay(recent, now, { ...opts, days: CHART_DAYS }),
		retention: tallyRetention(recent, desiredRetention),
		retentionByAge: tallyByAge(tallies),
		retentionByType: typeRows(tallyBy(tallies, (id) => questionTypes.get(id) ?? null)),
		calendar: tallyCalendar(tallies, now, opts)
	};
}

/** What the screen shows from the cards: the due forecast and each set's mastery. */
export interface CardFigures {
	forecast: DayCount[];
	/** Per set id; a set with no cards may be missing. */
	mastery: ReadonlyMap<string, SetMastery>;
}

/** The card figures from the cards themselves (any timezone). */
export function cardFiguresFromCards(
	cards: readonly StoredCard[],
	sets: readonly CatalogEntry[],
	now: number
): CardFigures {
	const totals = new Map(sets.map((s) => [s.id, s.questionCount]));
	return {
		forecast: dueForecast(cards, now, { ...dayOptions(now), days: CHART_DAYS }),
		mastery: new Map(masteryBySet(cards, totals, now).map((m) => [m.setId, m]))
	};
}

/** The last moment the forecast shows: the end of its last day. */
export function forecastEnd(now: number): number {
	return startOfDay(now, dayOptions(now)) + CHART_DAYS * DAY_MS;
}

/**
 * The same figures from the card counts (core/srs/card-count.ts): each set's total, its
 * quarter hours due before forecastEnd(now), and its studied cards due now. Only where
 * study days are whole quarter hours (`talliesFitDays`).
 */
export function cardFiguresFromCounts(input: {
	now: number;
	sets: readonly CatalogEntry[];
	totals: ReadonlyMap<string, CardCount>;
	dueSlots: readonly CardCount[];
	dueStudied: Readonly<Record<string, number>>;
}): CardFigures {
	const { now, sets, totals, dueSlots, dueStudied } = input;
	return {
		forecast: forecastFromCounts(dueSlots, now, { ...dayOptions(now), days: CHART_DAYS }),
		mastery: new Map(
			sets.map((s) => [
				s.id,
				masteryFromCount(
					totals.get(s.id) ?? emptyCount(s.id),
					s.questionCount,
					dueStudied[s.id] ?? 0
				)
			])
		)
	};
}

export function buildStats(input: {
	now: number;
	/** Cards due now in these sets, from `dueBySet` (Home's count). */
	dueNow: number;
	/** What the log says since statsWindowStart(now): figuresFromTallies or …FromEntries. */
	log: LogFigures;
	/** What the cards say: cardFiguresFromCounts or …FromCards. */
	cardFigures: CardFigures;
	sets: readonly CatalogEntry[];
	/** Workload settings, for the forecast's plan; the defaults when absent. */
	workload?: Pick<SrsSettings, 'easyDays' | 'vacation' | 'loadBalance'>;
}): StatsData {
	const { now, log, sets } = input;
	const workload = input.workload ?? DEFAULT_SETTINGS;
	const { forecast, mastery } = input.cardFigures;
	const opts = dayOptions(now);
	const today = dayNumber(now, opts);
	const cal = log.calendar;
	const grid = calendarGrid(cal.days, today, CALENDAR_WEEKS);
	return {
		today: dayKey(today),
		dueNow: input.dueNow,
		perDay: log.perDay,
		retention: log.retention,
		retentionSince: dayKey(dayNumber(statsWindowStart(now), opts)),
		retentionByAge: log.retentionByAge,
		retentionByType: log.retentionByType,
		forecast,
		forecastPlan: forecastPlan(forecast, workload),
		workload: { loadBalance: workload.loadBalance, vacation: workload.vacation },
		calendar: grid,
		streak: cal.streak,
		streakAtLeast: reachesStart(cal, today, grid.firstDay),
		sets: sets.map((s) => ({
			...(mastery.get(s.id) ?? setMastery(s.id, s.questionCount, [], now)),
			title: s.title,
			origin: s.origin
		}))
	};
}
