-- PostgreSQL only. The search's words of each record (records.search,
-- migration 0009) are written by Heed with the record (sqlstore's
-- searchVector), no longer computed by the database: to_tsvector and the
-- regular expression that split the text took a third of the server's work
-- of storing a million imported records. Heed splits the words as it splits
-- what a person searches for (letters and digits, lowered), as the
-- expression did. The words stored so far are kept.
ALTER TABLE records ALTER COLUMN search DROP EXPRESSION;
-- A way of writing a record that left the words out would make it
-- unfindable: it fails instead.
ALTER TABLE records ALTER COLUMN search SET NOT NULL;
