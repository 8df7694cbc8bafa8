-- One database per service (docs/api-reference.md §1); each service's Flyway migrations create its schema.
create database billstream_invoice;
create database billstream_payment;
create database billstream_document;
create database billstream_webhook;
create database billstream_gateway;
