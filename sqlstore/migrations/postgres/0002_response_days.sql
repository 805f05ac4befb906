-- Working days from day 0 to the response, computed on save, so that reports
-- can average them in SQL.
ALTER TABLE stages ADD COLUMN response_days INTEGER;
