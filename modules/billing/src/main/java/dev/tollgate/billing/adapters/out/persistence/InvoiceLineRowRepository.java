package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface InvoiceLineRowRepository extends CrudRepository<InvoiceLineRow, UUID> {
    List<InvoiceLineRow> findByInvoiceIdOrderByPosition(UUID invoiceId);

    List<InvoiceLineRow> findByInvoiceIdInOrderByPosition(Collection<UUID> invoiceIds);

    void deleteByInvoiceId(UUID invoiceId);
}
