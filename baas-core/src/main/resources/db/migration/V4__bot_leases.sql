-- Which node runs a bot, and until when its lease holds. A node renews the leases of its bots by heartbeat; a bot
-- whose lease ran out belongs to a node that died, and another node takes it over. A bot no node owns yet (sent
-- through an API-only node) is claimed by a worker with free room, oldest first.
alter table bots add column lease_owner varchar(200);
alter table bots add column lease_until timestamp with time zone;
-- set when someone asks the bot to leave through a node that does not run it; its owner acts on it
alter table bots add column stop_requested_at timestamp with time zone;

create index bots_lease_ix on bots (lease_owner, lease_until);
