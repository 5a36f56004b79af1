-- OpenMeter's notification channels are endpoints of audience 'openmeter' (ADR 0049); OpenMeter deletes them softly.
ALTER TABLE webhooks.endpoints ADD COLUMN deleted_at timestamptz;
