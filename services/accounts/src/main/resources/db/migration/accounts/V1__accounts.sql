-- Users: customers and admins. Email is stored lower-case and unique.
create table users (
    id               text primary key,
    email            text not null unique,
    password_hash    text not null,
    name             text not null,
    role             text not null check (role in ('customer', 'admin')),
    street           text,
    city             text,
    postal_code      text,
    country          text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    -- outbox: the customers topic is behind while published_version < version
    version          integer not null default 1,
    published_version integer not null default 0
);

-- Refresh tokens, stored as SHA-256 hashes. One family per login; using a token retires it
-- (used_at) and issues its successor; using a retired token again revokes the whole family.
create table refresh_tokens (
    token_hash  text primary key,
    user_id     text not null references users (id),
    family_id   text not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);

-- Personal API tokens (opaque, shown once), stored as SHA-256 hashes.
create table api_tokens (
    id          text primary key,
    user_id     text not null references users (id),
    name        text not null,
    token_hash  text not null unique,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);

-- JWT signing keys (private JWK JSON). The newest unretired key signs; retired keys stay in the
-- JWKS until every token they signed has expired.
create table signing_keys (
    kid         text primary key,
    jwk         text not null,
    created_at  timestamptz not null,
    retired_at  timestamptz
);
