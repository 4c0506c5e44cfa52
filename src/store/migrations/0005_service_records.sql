-- The reserved area's records, imported from the institute's other systems (SPEC §5, issue 10): contribution
-- periods, Certificazioni Uniche and pension slips, and the files they came from (by SHA-256, so the same
-- file twice changes nothing). Dates are ISO text, months 'YYYY-MM', amounts whole cents.
CREATE TABLE import_batches (
  id {{ID}},
  kind TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  row_count BIGINT NOT NULL,
  citizen_count BIGINT NOT NULL,
  actor TEXT NOT NULL,
  imported_at BIGINT NOT NULL
);

CREATE TABLE contribution_periods (
  id {{ID}},
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  gestione TEXT NOT NULL,
  year INTEGER NOT NULL,
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  kind TEXT NOT NULL,
  unit TEXT NOT NULL,
  units_for_right INTEGER NOT NULL,
  units_for_amount INTEGER NOT NULL,
  pay_cents BIGINT NOT NULL,
  employer_name TEXT NOT NULL,
  employer_matricola TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX contribution_periods_scope ON contribution_periods (citizen_id, gestione, year);

CREATE TABLE certificazioni_uniche (
  id {{ID}},
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  year INTEGER NOT NULL,
  issued_on TEXT NOT NULL,
  document TEXT NOT NULL,
  UNIQUE (citizen_id, year)
);

CREATE TABLE pension_slips (
  id {{ID}},
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  month TEXT NOT NULL,
  category TEXT NOT NULL,
  pension_number TEXT NOT NULL,
  gross_cents BIGINT NOT NULL,
  irpef_cents BIGINT NOT NULL,
  regional_surcharge_cents BIGINT NOT NULL,
  municipal_surcharge_cents BIGINT NOT NULL,
  adjustment_730_cents BIGINT NOT NULL,
  other_deductions_cents BIGINT NOT NULL,
  arrears_cents BIGINT NOT NULL,
  net_cents BIGINT NOT NULL,
  paying_office TEXT NOT NULL,
  payment_method TEXT NOT NULL,
  UNIQUE (citizen_id, pension_number, month)
);
CREATE INDEX pension_slips_month ON pension_slips (citizen_id, month);
