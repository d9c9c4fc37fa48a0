-- The W3C trace context of the request or job that wrote the event, so that the relay, which sends it
-- later from another thread, continues that trace in the record's headers (null when tracing is off).
alter table outbox_event add column traceparent varchar(55);
