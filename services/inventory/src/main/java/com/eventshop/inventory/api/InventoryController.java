package com.eventshop.inventory.api;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.commands.StockAdjusted;
import com.eventshop.contracts.tables.Stock;
import com.eventshop.inventory.streams.InventoryTopology;
import com.eventshop.platform.kafka.streams.KeyOwnerForwarder;
import com.eventshop.platform.kafka.streams.StoreQueries;
import com.eventshop.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stock of a product: set the available stock (an admin command, applied by the stock processor
 * so it never races with reservations) and read it from the stock store.
 */
@RestController
@RequestMapping("/api/inventory")
public class InventoryController {

    private static final Logger log = LoggerFactory.getLogger(InventoryController.class);
    private static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    static final URI UNKNOWN_PRODUCT = URI.create("urn:eventshop:problem:unknown-product");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,100}");

    /** Body of PUT: the new available stock. */
    public record StockLevelRequest(@NotNull @Min(0) Integer available) {
    }

    /** Answer to PUT: the adjustment is accepted and will be applied by the stock processor. */
    public record AdjustmentAccepted(String productId, int available, String adjustmentId) {
    }

    /** Stock of a product. */
    public record StockView(String productId, int available, int reserved, int sold, Instant updatedAt) {

        static StockView of(Stock stock) {
            return new StockView(stock.getProductId(), stock.getAvailable(), stock.getReserved(), stock.getSold(),
                    stock.getUpdatedAt());
        }
    }

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final StoreQueries<Stock> queries;
    private final KnownProducts products;

    public InventoryController(KafkaTemplate<String, SpecificRecord> kafka, StoreQueries<Stock> queries,
                               KnownProducts products) {
        this.kafka = kafka;
        this.queries = queries;
        this.products = products;
    }

    /**
     * Sets the available stock of a product (reservations and sales stay). A repeated request
     * with the same {@code Idempotency-Key} is applied once. Only for a product the catalog
     * knows (404 {@code unknown-product} otherwise, nothing written).
     */
    @Operation(summary = "Set a product's stock level (admin)")
    @ResponseStatus(HttpStatus.ACCEPTED) // what the OpenAPI description documents
    @PutMapping("/{productId}")
    public ResponseEntity<AdjustmentAccepted> setStock(@PathVariable String productId,
            @Valid @RequestBody StockLevelRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        requireProductId(productId);
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to 100 printable ASCII characters")
                    .with("field", "Idempotency-Key");
        }
        if (!products.knows(productId)) {
            throw ProblemException.notFound("The catalog has no product " + productId).type(UNKNOWN_PRODUCT)
                    .with("productId", productId);
        }
        String adjustmentId = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        if (adjustmentId.startsWith(InventoryTopology.SEED_PREFIX)) {
            adjustmentId = "key-" + adjustmentId; // the seed prefix is reserved for demo seeding
        }
        StockAdjusted command = StockAdjusted.newBuilder().setAdjustmentId(adjustmentId).setProductId(productId)
                .setAvailable(body.available()).setAdjustedAt(Instant.now()).build();
        try {
            kafka.send(Topics.INVENTORY_ADJUSTMENTS.name(), productId, command).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the adjustment could not be recorded");
        } catch (Exception e) {
            log.error("Could not publish StockAdjusted for {}: {}", productId, e.toString());
            throw unavailable("the adjustment could not be recorded; try again with the same Idempotency-Key");
        }
        return ResponseEntity.accepted().location(URI.create("/api/inventory/" + productId))
                .body(new AdjustmentAccepted(productId, body.available(), adjustmentId));
    }

    /** Stock of a product, from the instance that owns it. */
    @Operation(summary = "A product's stock: on hand, reserved and available")
    @GetMapping("/{productId}")
    public StockView getStock(@PathVariable String productId,
            @RequestHeader(name = KeyOwnerForwarder.FORWARDED_HEADER, required = false) String forwarded) {
        requireProductId(productId);
        return queries.find(productId, forwarded != null, "/api/inventory/" + KeyOwnerForwarder.encode(productId),
                        StockView.class, StockView::of)
                .orElseThrow(() -> ProblemException.notFound("Inventory has no stock for product " + productId)
                        .with("productId", productId));
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Stock temporarily unavailable", detail);
    }

    private static void requireProductId(String productId) {
        if (!PRODUCT_ID.matcher(productId).matches()) {
            throw ProblemException.badRequest("productId must be 1 to 64 letters, digits or ._:- characters")
                    .with("productId", productId);
        }
    }
}
