/** The position vocabulary, as the dashboard offers it in forms (mirrors STANCES in the core). */
export const STANCES = [
  'support',
  'support_with_conditions',
  'incremental',
  'oppose',
  'block',
] as const;
