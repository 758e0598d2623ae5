/** A cell of the results CSV, as a measurement definition fills it and shared/report/csv.ts writes it. */

/** Text is guarded and quoted; numbers are written with a fixed number of decimals; null is an empty field. */
export type CsvCell = string | { readonly value: number; readonly decimals: number } | null;

/** A number written with `decimals` places, so columns line up and a negative angle stays a number. */
export function fixed(value: number, decimals: number): CsvCell {
  return { value, decimals };
}
