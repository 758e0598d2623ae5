/** Genant grade colours shared by the image overlay, the results table and the report legend. */
export const GRADE_COLOURS: Readonly<Record<string, string>> = {
  '0': '#3fb950',
  '0.5': '#9bd35a',
  '1': '#f2cc0c',
  '2': '#ff9f1c',
  '3': '#ff5c5c',
};

export const GRADE_NAMES: Readonly<Record<string, string>> = {
  '0': 'normal',
  '0.5': 'borderline',
  '1': 'mild',
  '2': 'moderate',
  '3': 'severe',
};
