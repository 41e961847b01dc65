-- The catalog's own database: categories, products, product images, and the outbox that
-- carries every change to Kafka (written in the same transaction as the change itself).

CREATE TABLE category (
    id          text PRIMARY KEY,
    slug        text NOT NULL UNIQUE,
    name        text NOT NULL,
    parent_id   text REFERENCES category (id),
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE product (
    id           text PRIMARY KEY,
    sku          text NOT NULL UNIQUE,
    slug         text NOT NULL UNIQUE,
    name         text NOT NULL,
    description  text NOT NULL DEFAULT '',
    price        numeric(12, 2) NOT NULL CHECK (price >= 0),
    currency     char(3) NOT NULL,
    category_id  text NOT NULL REFERENCES category (id),
    attributes   jsonb NOT NULL DEFAULT '{}'::jsonb,
    active       boolean NOT NULL DEFAULT true,
    version      bigint NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_category ON product (category_id);
CREATE INDEX product_price ON product (price);

-- Images of a product: the original and its thumbnails are objects in media storage under
-- keys that are never reused. position orders them; exactly one is primary when any exist.
CREATE TABLE product_image (
    id            text PRIMARY KEY,
    product_id    text NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    position      int NOT NULL,
    is_primary    boolean NOT NULL DEFAULT false,
    content_type  text NOT NULL,
    width         int NOT NULL,
    height        int NOT NULL,
    size_bytes    bigint NOT NULL,
    sha256        text NOT NULL,
    file_name     text,
    original_key  text NOT NULL UNIQUE,
    small_key     text,
    medium_key    text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_image_product ON product_image (product_id, position);

-- Transactional outbox: one row per change, relayed to Kafka in id order by OutboxRelay and
-- deleted once Kafka acknowledged it. payload NULL is a tombstone (a delete).
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    topic       text NOT NULL,
    record_key  text NOT NULL,
    payload     bytea,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
