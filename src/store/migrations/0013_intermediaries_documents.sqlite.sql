-- The signed form of each recorded mandate (issue 11), SQLite dialect: the bytes as a BLOB. Online
-- mandates have none. A version's dialect files run after its common ones (store/migrator.cpp).
CREATE TABLE mandate_documents (
  mandate_id BIGINT PRIMARY KEY REFERENCES mandates (id),
  bytes BLOB NOT NULL
);
