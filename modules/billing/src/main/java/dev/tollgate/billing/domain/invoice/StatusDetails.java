package dev.tollgate.billing.domain.invoice;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenMeter's {@code statusDetails}, computed from the state machine rather than stored: whether the invoice can still
 * be edited, whether it failed, and each action it allows now with the state it would reach after the automatic steps
 * that follow (digest 003b §3.9). Keys are the document's action names.
 */
public record StatusDetails(boolean immutable, boolean failed, String extendedStatus, Map<String, String> availableActions) {
    private static final Map<String, InvoiceTrigger> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("advance", InvoiceTrigger.NEXT);
        ACTIONS.put("approve", InvoiceTrigger.APPROVE);
        ACTIONS.put("delete", InvoiceTrigger.DELETE);
        ACTIONS.put("retry", InvoiceTrigger.RETRY);
        ACTIONS.put("snapshotQuantities", InvoiceTrigger.SNAPSHOT_QUANTITIES);
        ACTIONS.put("void", InvoiceTrigger.VOID);
    }

    public StatusDetails {
        availableActions = Map.copyOf(availableActions);
    }

    /**
     * The details of a standard invoice in {@code state}. A gathering invoice is not in the machine: it offers only
     * {@code invoice} (with no resulting state) and stays editable.
     */
    public static StatusDetails of(InvoiceState state, InvoiceConditions conditions) {
        if (state == InvoiceState.GATHERING) {
            return new StatusDetails(false, false, state.extendedStatus(), Map.of("invoice", ""));
        }
        Map<String, String> actions = new LinkedHashMap<>();
        ACTIONS.forEach((name, trigger) -> InvoiceStateMachine.fire(state, trigger, conditions).ifPresent(target ->
                actions.put(name, InvoiceStateMachine.settle(target, conditions).extendedStatus())));
        boolean immutable = !InvoiceStateMachine.can(state, InvoiceTrigger.UPDATE, conditions);
        return new StatusDetails(immutable, state.failed(), state.extendedStatus(), actions);
    }

    /** The action's name as the document spells it, for the error that refuses it. */
    public static String actionName(InvoiceTrigger trigger) {
        return ACTIONS.entrySet().stream().filter(e -> e.getValue() == trigger).map(Map.Entry::getKey).findFirst()
                .orElse(trigger.name().toLowerCase(java.util.Locale.ROOT));
    }
}
