-- The announcement of new messages rides on the insert statement itself (persistence.MessageRepository), named after
-- the writing instance as the outbox's is, instead of V90's trigger, which read the writer's name from a start-up
-- option set on every pooled session.
drop trigger webhook_message_announce on webhook_message;
drop function announce_webhook_messages();
