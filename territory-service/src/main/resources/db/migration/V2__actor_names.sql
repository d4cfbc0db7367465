-- Actors are token subjects now (OIDC allows up to 255 characters); longer ones are refused with a 400.
alter table territory alter column created_by type varchar(255), alter column updated_by type varchar(255);
alter table audit_log alter column actor type varchar(255);
