-- Cluster sizes (PlanetScale's cluster-size SKUs; ADR 0055): what a managed database's branch may use of its data
-- cluster. The sizes bound connections and pool sizes; vCPUs, memory and storage describe the share of the server.
CREATE TABLE catalog.cluster_sizes (
    slug             text    PRIMARY KEY,
    display_name     text    NOT NULL,
    vcpus            numeric NOT NULL CHECK (vcpus > 0),
    memory_gb        numeric NOT NULL CHECK (memory_gb > 0),
    storage_gb       numeric NOT NULL CHECK (storage_gb > 0),
    engine           text    NOT NULL CHECK (engine IN ('postgres', 'vitess')),
    max_connections  integer NOT NULL CHECK (max_connections > 0),
    pool_size        integer NOT NULL CHECK (pool_size > 0 AND pool_size <= max_connections),
    position         integer NOT NULL
);
INSERT INTO catalog.cluster_sizes (slug, display_name, vcpus, memory_gb, storage_gb, engine, max_connections, pool_size, position) VALUES
    ('PG_NANO',   'Nano',    0.25, 0.5,   5, 'postgres',  25,  5, 1),
    ('PG_SMALL',  'Small',   0.5,  1,    10, 'postgres',  50, 10, 2),
    ('PG_MEDIUM', 'Medium',  1,    2,    25, 'postgres', 100, 20, 3),
    ('PG_LARGE',  'Large',   2,    4,    50, 'postgres', 200, 40, 4),
    ('PG_XLARGE', 'X-Large', 4,    8,   100, 'postgres', 400, 80, 5);
