/** Empties every table of the schema (so a new one cannot be forgotten), drizzle's own bookkeeping aside. */
export const truncateEveryTable = `do $$ declare names text; begin
  select string_agg(quote_ident(tablename), ', ') into names from pg_tables where schemaname = 'public';
  if names is not null then execute 'truncate table ' || names || ' restart identity cascade'; end if;
end $$`;
