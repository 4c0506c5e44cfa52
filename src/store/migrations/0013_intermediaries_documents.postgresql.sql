-- The signed form of each recorded mandate (issue 11), PostgreSQL dialect: the bytes as a BYTEA. Online
-- mandates have none. A version's dialect files run after its common ones (store/migrator.cpp).
CREATE TABLE mandate_documents (
  mandate_id BIGINT PRIMARY KEY REFERENCES mandates (id),
  bytes BYTEA NOT NULL
);
