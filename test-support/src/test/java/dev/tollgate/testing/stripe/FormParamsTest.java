package dev.tollgate.testing.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Stripe's bracket notation into a JSON tree. */
class FormParamsTest {
    @Test
    void bracketsBecomeObjectsAndArrays() {
        assertEquals("{\"email\":\"a@b.test\",\"metadata\":{\"org id\":\"org_1\",\"tier\":\"\"},"
                        + "\"expand\":[\"customer\",\"invoice_settings.default_payment_method\"],"
                        + "\"items\":[{\"price\":\"price_1\",\"quantity\":\"2\"},{\"price\":\"price_2\"}]}",
                FormParams.parse("email=a%40b.test&metadata[org+id]=org_1&metadata[tier]="
                        + "&expand[]=customer&expand[]=invoice_settings.default_payment_method"
                        + "&items[1][price]=price_2&items[0][price]=price_1&items[0][quantity]=2").toString());
    }

    @Test
    void indexedListsKeepTheirOrderAndEncodedBracketsAreRead() {
        assertEquals("{\"enabled_events\":[\"invoice.paid\",\"*\"]}",
                FormParams.parse("enabled_events%5B1%5D=*&enabled_events%5B0%5D=invoice.paid").toString());
    }

    @Test
    void aBrokenNameIsRefused() {
        StripeError error = assertThrows(StripeError.class, () -> FormParams.parse("metadata[key=v"));
        assertEquals(400, error.status);
    }

    @Test
    void integersAndBooleansAreCheckedWithStripesCodes() {
        Params params = new Params(FormParams.parse("amount=12.5&auto_advance=yes"));
        assertEquals("parameter_invalid_integer", assertThrows(StripeError.class, () -> params.integer("amount")).code);
        assertEquals("parameter_invalid_boolean",
                assertThrows(StripeError.class, () -> params.bool("auto_advance")).code);
        assertEquals("parameter_missing", assertThrows(StripeError.class, () -> params.required("customer")).code);
    }
}
