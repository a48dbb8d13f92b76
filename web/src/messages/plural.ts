// A message with one form per Intl.PluralRules category of its language.
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
