package dev.tollgate.webhooks.domain;

import java.time.Duration;

/** How far behind the delivery queue is: pending deliveries that are due, and how long the oldest of them has waited. */
public record Backlog(long due, Duration oldestDueAge) {
}
