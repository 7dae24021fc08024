/** Epoch ms of 10:00 Beijing time on `day` (YYYY-MM-DD): a working morning for the cases' ManualClock. */
export const beijingMorning = (day: string): number => Date.parse(`${day}T02:00:00Z`);
