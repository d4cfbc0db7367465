-- One database per service (DESIGN.md section 2: no service reads another's data).
create database quota_target;
create database quota_territory;
create database quota_kpi;
create database quota_notification;
