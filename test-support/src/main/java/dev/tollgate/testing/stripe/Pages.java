package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The fake's hosted pages (Checkout, billing portal, invoice): bare HTML, enough to click through a demo. */
final class Pages {
    private Pages() {
    }

    static String checkout(ObjectNode session) {
        String id = session.get("id").asText();
        String body = session.get("status").asText().equals("open")
                ? "<p>Save a card for " + text(session.path("customer").asText("a new customer")) + ".</p>"
                + "<form method=\"post\" action=\"/_fake/checkout/" + id + "\">"
                + "<label>Test card <select name=\"card\">"
                + "<option value=\"visa\">Visa 4242</option>"
                + "<option value=\"mastercard\">Mastercard 4444</option>"
                + "<option value=\"chargeDeclined\">Declined 0002</option>"
                + "</select></label> <button type=\"submit\">Save card</button></form>"
                + (session.path("cancel_url").isTextual()
                ? "<p><a href=\"" + text(session.get("cancel_url").asText()) + "\">Cancel</a></p>" : "")
                : "<p>This session is " + text(session.get("status").asText()) + ".</p>";
        return page("Fake Stripe Checkout", body);
    }

    static String portal(ObjectNode session, Iterable<ObjectNode> cards) {
        StringBuilder list = new StringBuilder("<ul>");
        for (ObjectNode pm : cards) {
            list.append("<li>").append(text(pm.path("card").path("brand").asText())).append(" ending in ")
                    .append(text(pm.path("card").path("last4").asText())).append("</li>");
        }
        list.append("</ul>");
        String back = session.path("return_url").isTextual()
                ? "<p><a href=\"" + text(session.get("return_url").asText()) + "\">Return</a></p>" : "";
        return page("Fake Stripe billing portal",
                "<p>Customer " + text(session.get("customer").asText()) + "</p>" + list + back);
    }

    static String invoice(ObjectNode invoice) {
        return page("Invoice " + text(invoice.path("number").asText("")),
                "<p>Status: " + text(invoice.get("status").asText()) + "</p><p>Amount due: "
                        + invoice.get("amount_due").asLong() + " " + text(invoice.get("currency").asText())
                        + " (smallest unit)</p><pre>" + text(Json.write(invoice.get("lines"))) + "</pre>");
    }

    /** A page saying one thing (the fake's refusals in a browser). */
    static String message(String title, String message) {
        return page(title, "<p>" + text(message) + "</p>");
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + text(title) + "</title></head><body><h1>"
                + text(title) + "</h1>" + body + "</body></html>";
    }

    private static String text(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
