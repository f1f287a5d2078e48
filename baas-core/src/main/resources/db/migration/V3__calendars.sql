-- Connected calendars, their events (one row per occurrence) and users' Zoom authorizations.
-- Secrets (client secrets, refresh tokens) are stored sealed with AES-GCM; the key is not in the database.

CREATE TABLE calendars (
    uuid                  UUID          NOT NULL,
    account_id            VARCHAR(200)  NOT NULL,
    platform              VARCHAR(20)   NOT NULL,
    client_id             VARCHAR(500)  NOT NULL,
    client_secret_sealed  VARCHAR(4000) NOT NULL,
    refresh_token_sealed  VARCHAR(8000) NOT NULL,
    raw_calendar_id       VARCHAR(1000) NOT NULL,
    name                  VARCHAR(1000) NOT NULL,
    email                 VARCHAR(1000) NOT NULL,
    sync_token            VARCHAR(8000),
    status                VARCHAR(20)   NOT NULL,
    error                 VARCHAR(4000),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    last_synced_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT calendars_pk PRIMARY KEY (uuid)
);
CREATE INDEX calendars_account_idx ON calendars (account_id, created_at);

CREATE TABLE calendar_events (
    uuid                UUID          NOT NULL,
    calendar_uuid       UUID          NOT NULL,
    provider_id         VARCHAR(1024) NOT NULL,
    recurring_event_id  VARCHAR(1024),
    name                VARCHAR(4000) NOT NULL,
    meeting_url         VARCHAR(4000) NOT NULL,
    start_time          TIMESTAMP WITH TIME ZONE NOT NULL,
    end_time            TIMESTAMP WITH TIME ZONE NOT NULL,
    last_updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted             BOOLEAN       NOT NULL,
    is_organizer        BOOLEAN       NOT NULL,
    attendees           TEXT          NOT NULL,
    organizer_email     VARCHAR(1000),
    raw                 TEXT          NOT NULL,
    bot_param           TEXT,
    series_bot          BOOLEAN       NOT NULL,
    bot_id              UUID,
    bot_error           VARCHAR(4000),
    CONSTRAINT calendar_events_pk PRIMARY KEY (uuid),
    CONSTRAINT calendar_events_calendar_fk FOREIGN KEY (calendar_uuid) REFERENCES calendars (uuid) ON DELETE CASCADE,
    CONSTRAINT calendar_events_provider_uq UNIQUE (calendar_uuid, provider_id)
);
CREATE INDEX calendar_events_start_idx ON calendar_events (calendar_uuid, start_time);

CREATE TABLE zoom_oauth_connections (
    uuid                  UUID          NOT NULL,
    account_id            VARCHAR(200)  NOT NULL,
    zoom_user_id          VARCHAR(200)  NOT NULL,
    zoom_account_id       VARCHAR(200),
    scopes                VARCHAR(4000),
    client_id             VARCHAR(500)  NOT NULL,
    client_secret_sealed  VARCHAR(4000) NOT NULL,
    refresh_token_sealed  VARCHAR(8000) NOT NULL,
    state                 VARCHAR(20)   NOT NULL,
    failure               VARCHAR(4000),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT zoom_oauth_connections_pk PRIMARY KEY (uuid)
);
CREATE INDEX zoom_oauth_connections_account_idx ON zoom_oauth_connections (account_id, created_at);
