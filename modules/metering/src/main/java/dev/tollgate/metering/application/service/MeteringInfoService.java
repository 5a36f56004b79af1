package dev.tollgate.metering.application.service;

import dev.tollgate.metering.application.port.in.MeteringInfoUseCase;
import dev.tollgate.metering.application.port.out.EventStore;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Singleton
class MeteringInfoService implements MeteringInfoUseCase {
    /** The JDK's ISO 4217 table, without funds, metals and testing codes (no minor unit). */
    private static final List<CurrencyInfo> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .filter(c -> c.getDefaultFractionDigits() >= 0)
            .sorted(Comparator.comparing(Currency::getCurrencyCode))
            .map(c -> new CurrencyInfo(c.getCurrencyCode(), c.getDisplayName(Locale.ENGLISH), c.getSymbol(Locale.ENGLISH),
                    c.getDefaultFractionDigits()))
            .toList();

    private final EventStore events;
    private final Namespaces namespaces;
    private final Clock clock;

    MeteringInfoService(EventStore events, Namespaces namespaces, Clock clock) {
        this.events = events;
        this.namespaces = namespaces;
        this.clock = clock;
    }

    @Override
    public List<CurrencyInfo> currencies() {
        return CURRENCIES;
    }

    @Override
    @Transactional(readOnly = true)
    public String debugMetrics(Caller caller) {
        UUID namespace = namespaces.require(caller, Capability.READ_METERS);
        Instant today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        StringBuilder text = new StringBuilder("# HELP openmeter_events Number of ingested events\n# TYPE openmeter_events counter\n"
                + "# UNIT openmeter_events events\n");
        events.countSince(namespace, today).forEach(count -> text.append("openmeter_events_total{subject=\"").append(escape(count.subject()))
                .append("\",type=\"").append(escape(count.type())).append("\"} ").append(count.count()).append('\n'));
        return text.append("# EOF\n").toString();
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
