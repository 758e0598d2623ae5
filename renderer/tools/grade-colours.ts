/** Genant grade colours of the image overlay and the results table (the PDF keeps print colours of its own). */
export const GRADE_COLOURS: Readonly<Record<string, string>> = {
  '0': '#3fb950',
  '0.5': '#9bd35a',
  '1': '#f2cc0c',
  '2': '#ff9f1c',
  '3': '#ff5c5c',
};
