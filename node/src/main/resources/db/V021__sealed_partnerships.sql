-- Sealed partnerships (SPEC §6.5, §6.10). A sealed partnership.announce keeps its parties, title and
-- every other detail inside its ciphertext. `sealed` says how it was sealed ('listed': id and kind
-- clear; 'unlisted': only the id), NULL for a public one. `opened` is the whole announcement as this
-- hub read it, set only where this hub is a recipient and could open it; then its parties are in
-- partnership_parties as for a public one. Where it is not, the partnership has no parties here, its
-- status counts no endorsement (SPEC §9), and an unlisted one has no row at all. A new announcement of
-- the same id overwrites both columns.
ALTER TABLE partnerships ADD COLUMN sealed TEXT CHECK (sealed IN ('listed', 'unlisted'));
ALTER TABLE partnerships ADD COLUMN opened TEXT;
