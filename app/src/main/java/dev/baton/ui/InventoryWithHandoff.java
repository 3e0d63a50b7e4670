package dev.baton.ui;

import dev.baton.inventory.Inventory;
import dev.baton.session.Handoffs;
import java.util.List;

/**
 * The inventory the nodes pane shows: the responder's own, which may load after an incident reopens, with the
 * nodes a handoff named added in their groups (one the inventory has stays production if the sender's said so).
 */
final class InventoryWithHandoff {
    private Inventory own = Inventory.empty();
    /** Read off the FX thread too, by the SSH prompts asking what the sender saw of a host key. */
    private volatile Handoffs.HandedOffNodes handedOff = new Handoffs.HandedOffNodes(List.of(), List.of());

    /** The responder's own inventory (re)loaded; returns what the pane shows now. */
    Inventory withOwn(Inventory inventory) {
        own = inventory;
        return Handoffs.withHandedOff(own, handedOff.nodes());
    }

    /** The nodes a continued incident was handed over with; returns what the pane shows now. */
    Inventory withHandedOff(Handoffs.HandedOffNodes handed) {
        handedOff = handed;
        return Handoffs.withHandedOff(own, handed.nodes());
    }

    /** The host keys the sender saw for this node, if the handoff carried any. */
    List<String> senderSaw(String name) {
        return handedOff.senderSaw(name);
    }
}
