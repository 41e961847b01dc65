package com.eventshop.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventshop.catalog.media.MediaKeys;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CatalogRulesTest {

    @Test
    void slugsAreLowerCaseWordsJoinedByHyphens() {
        assertThat(Slug.isValid("running-shoes")).isTrue();
        assertThat(Slug.isValid("p-001")).isTrue();
        assertThat(Slug.isValid("Running")).isFalse();
        assertThat(Slug.isValid("a--b")).isFalse();
        assertThat(Slug.isValid("-a")).isFalse();
        assertThat(Slug.isValid("a b")).isFalse();
        assertThat(Slug.isValid("a".repeat(101))).isFalse();
        assertThatThrownBy(() -> new Slug("Bad Slug")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bad Slug");
        assertThat(Slug.from("Crème Brûlée & Co. 2").value()).isEqualTo("creme-brulee-co-2");
        assertThatThrownBy(() -> Slug.from("!!!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pricesAreDecimalsInACurrency() {
        Money price = new Money(new BigDecimal("12.9"), "EUR");
        assertThat(price.amount()).isEqualTo(new BigDecimal("12.90"));
        assertThat(price.minorUnits()).isEqualTo(1290);
        assertThat(Money.ofMinor(1299, "EUR").amount()).isEqualTo(new BigDecimal("12.99"));
        assertThat(new Money(new BigDecimal("500"), "JPY").minorUnits()).isEqualTo(500);
        assertThatThrownBy(() -> new Money(new BigDecimal("-1"), "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(new BigDecimal("1.999"), "EUR")).hasMessageContaining("at most 2 decimals");
        assertThatThrownBy(() -> new Money(BigDecimal.ONE, "XYZW")).hasMessageContaining("unknown currency");
    }

    @Test
    void signedLinksHoldForTheirKeyUntilTheyExpire() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        SignedUrls signer = new SignedUrls("0123456789abcdef0123".getBytes(), Clock.fixed(now, ZoneOffset.UTC));
        SignedUrls.Signature s = signer.sign("invoices/1.pdf", now.plusSeconds(60));
        assertThat(signer.verify("invoices/1.pdf", s.expiresEpochSecond(), s.signature())).isEqualTo(SignedUrls.Verdict.VALID);
        assertThat(signer.verify("invoices/2.pdf", s.expiresEpochSecond(), s.signature())).isEqualTo(SignedUrls.Verdict.BAD_SIGNATURE);
        assertThat(signer.verify("invoices/1.pdf", s.expiresEpochSecond() + 3600, s.signature()))
                .isEqualTo(SignedUrls.Verdict.BAD_SIGNATURE); // a longer life cannot be forged
        assertThat(signer.verify("invoices/1.pdf", s.expiresEpochSecond(), null)).isEqualTo(SignedUrls.Verdict.BAD_SIGNATURE);
        SignedUrls later = new SignedUrls("0123456789abcdef0123".getBytes(), Clock.fixed(now.plusSeconds(61), ZoneOffset.UTC));
        assertThat(later.verify("invoices/1.pdf", s.expiresEpochSecond(), s.signature())).isEqualTo(SignedUrls.Verdict.EXPIRED);
        SignedUrls otherKey = new SignedUrls("another-secret-key-000".getBytes(), Clock.fixed(now, ZoneOffset.UTC));
        assertThat(otherKey.verify("invoices/1.pdf", s.expiresEpochSecond(), s.signature())).isEqualTo(SignedUrls.Verdict.BAD_SIGNATURE);
    }

    @Test
    void mediaKeysCannotLeaveTheirRoot() {
        assertThat(MediaKeys.isValid("products/p-001/3f2a/original.jpg")).isTrue();
        assertThat(MediaKeys.isValid("../etc/passwd")).isFalse();
        assertThat(MediaKeys.isValid("a/../../b")).isFalse();
        assertThat(MediaKeys.isValid("/abs")).isFalse();
        assertThat(MediaKeys.isValid("a//b")).isFalse();
        assertThat(MediaKeys.isValid("")).isFalse();
    }

    @Test
    void theDemoCatalogHasFiftyProductsInAtLeastSixCategoriesEachWithAPicture() {
        var products = DemoCatalog.products();
        assertThat(products).hasSize(50);
        assertThat(products.get(0).id()).isEqualTo("p-001");
        assertThat(products.get(49).id()).isEqualTo("p-050");
        assertThat(products.stream().map(DemoCatalog.DemoProduct::categorySlug).distinct().count()).isGreaterThanOrEqualTo(6);
        var categories = DemoCatalog.categories().stream().map(DemoCatalog.DemoCategory::slug).toList();
        assertThat(products).allMatch(p -> categories.contains(p.categorySlug()));
        byte[] picture = DemoCatalog.picture(products.get(0), 300);
        assertThat(ImageFormat.sniff(picture)).contains(ImageFormat.PNG);
    }
}
