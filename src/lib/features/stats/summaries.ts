// The words behind each chart: its aria-label and the headline under its heading. A
// screen reader hears the same numbers a sighted reader sees.
import {
	MIN_RETENTION_SAMPLE,
	type DayCount,
	type Retention,
	type RetentionCell,
	type ReviewDay,
	type SrsSettings
} from '$lib/core/srs';
import type { DayPlan } from './stats-data';
import type { CalendarGrid } from '$lib/core/srs/calendar';
import { percent, plural, shortDay } from '$lib/core/text/format';

const total = (days: readonly DayCount[]) => days.reduce((n, d) => n + d.count, 0);

function busiest(days: readonly DayCount[]): DayCount | undefined {
	let best: DayCount | undefined;
	for (const d of days) if (d.count > (best?.count ?? 0)) best = d;
	return best;
}

export function reviewsSummary(days: readonly ReviewDay[], locale?: string): string {
	const today = days.at(-1)?.count ?? 0;
	const top = busiest(days);
	return [
		`Answers per day, last ${days.length} days: ${plural(total(days), 'answer')} in all, ${today.toLocaleString('en-US')} today.`,
		top ? `Busiest day ${shortDay(top.day, locale)}, ${plural(top.count, 'answer')}.` : ''
	]
		.filter(Boolean)
		.join(' ');
}

export function forecastSummary(days: readonly DayCount[]): string {
	const today = days[0]?.count ?? 0;
	const week = total(days.slice(0, 7));
	return `Cards coming due, next ${days.length} days: ${plural(today, 'card')} today, ${plural(week, 'card')} in the next 7 days, ${plural(total(days), 'card')} in all.`;
}

export function retentionSummary(r: Retention): string {
	if (r.retention === null)
		return `Not enough reviews yet to measure retention. Target ${percent(r.desired)}.`;
	return `True retention ${percent(r.retention)}: ${r.passed.toLocaleString('en-US')} of ${plural(r.reviews, 'review')} remembered. Target ${percent(r.desired)}.`;
}

/** How true retention compares with the target, in plain words. */
export function retentionVerdict(r: Retention): string {
	if (r.retention === null) return '';
	const gap = r.retention - r.desired;
	if (r.reviews < MIN_RETENTION_SAMPLE) return 'Too few reviews yet to compare with your target.';
	if (gap < -0.05) return 'Below your target: cards come back too late, or answers are hard.';
	if (gap > 0.05) return 'Above your target: you could review less often.';
	return 'Close to your target.';
}

/**
 * One breakdown row against the target, short enough for a phone's table column:
 * "+3 points", "−5 points", "On target", or why there is no judging it yet.
 */
export function versusTarget(cell: RetentionCell, desired: number): string {
	if (cell.retention === null) return 'None yet';
	if (cell.reviews < MIN_RETENTION_SAMPLE) return 'Too few';
	const gap = Math.round(cell.retention * 100) - Math.round(desired * 100);
	if (gap === 0) return 'On target';
	return `${gap > 0 ? '+' : '−'}${plural(Math.abs(gap), 'point')}`;
}

export function streakText(streak: number, atLeast: boolean): string {
	if (streak === 0) return 'No streak yet';
	return `Streak: ${atLeast ? 'at least ' : ''}${plural(streak, 'day')}`;
}

export function calendarSummary(
	grid: CalendarGrid,
	streak: number,
	atLeast: boolean,
	locale?: string
): string {
	const days = grid.cells.length;
	return [
		`Study calendar, last ${grid.weeks} weeks: studied on ${grid.studiedDays} of ${days} days.`,
		`${streakText(streak, atLeast)}.`,
		grid.busiest
			? `Busiest day ${shortDay(grid.busiest.day, locale)}, ${plural(grid.busiest.count, 'answer')}.`
			: ''
	]
		.filter(Boolean)
		.join(' ');
}

export const PLAN_LABELS: Record<Exclude<DayPlan, null>, string> = {
	break: 'Break',
	reduced: 'Easy day (reduced)',
	minimum: 'Easy day (minimum)'
};

/** What the workload settings did to the forecast, in one or two sentences. */
export function workloadSummary(
	days: readonly DayCount[],
	plan: readonly DayPlan[],
	workload: Pick<SrsSettings, 'loadBalance' | 'vacation'>,
	locale?: string
): string {
	const top = busiest(days);
	const parts = [
		workload.loadBalance
			? `Reviews are spread evenly${top ? `: the busiest day has ${plural(top.count, 'card')}` : ''}.`
			: 'Spreading reviews evenly is off.'
	];
	const easy = plan.filter((p) => p === 'reduced' || p === 'minimum').length;
	if (easy)
		parts.push(`${plural(easy, 'easy day')} ahead ${easy === 1 ? 'gets' : 'get'} fewer reviews.`);
	if (workload.vacation) {
		const inBreak = days.filter((_, i) => plan[i] === 'break');
		const { start, end } = workload.vacation;
		const when = `${shortDay(start, locale)} – ${shortDay(end, locale)}`;
		parts.push(
			inBreak.length
				? `Break ${when}: ${plural(total(inBreak), 'review')} planned in it.`
				: `Break ${when}.`
		);
	}
	return parts.join(' ');
}
