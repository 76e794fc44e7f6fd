-- An analysis's detail text in both languages (issue 6): `analysis` keeps the English text
-- (or the only text written before this migration), `analysis_ja` the Japanese one.
ALTER TABLE findings ADD COLUMN analysis_ja TEXT;
ALTER TABLE triage_rules ADD COLUMN analysis_ja TEXT;
