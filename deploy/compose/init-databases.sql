-- Run once by the postgres image on an empty data directory: one database per service.
CREATE DATABASE sla_monitor;
CREATE DATABASE reporting;
