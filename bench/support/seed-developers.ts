import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../server/db/schema.js";

// Popular names come first: the picks below are skewed towards the head of each list, as real
// sign-ups are, so short prefixes ("ja") match thousands while longer ones narrow fast.
const FIRST_NAMES = `james mary john patricia robert jennifer michael linda william elizabeth david barbara
richard susan joseph jessica thomas sarah charles karen christopher lisa daniel nancy matthew betty
anthony sandra mark margaret donald ashley steven kimberly paul emily andrew donna joshua michelle
kenneth carol kevin amanda brian melissa george deborah timothy stephanie ronald rebecca jason laura
edward sharon jeffrey cynthia ryan kathleen jacob amy gary angela nicholas shirley eric anna jonathan
brenda stephen pamela larry emma justin nicole scott helen brandon samantha benjamin katherine samuel
christine gregory debra alexander rachel frank carolyn patrick janet raymond maria jack olivia dennis
heather jerry diane tyler ruth aaron julie jose joyce adam victoria nathan kelly henry lauren zachary
christina douglas joan peter evelyn kyle judith noah megan ethan andrea jeremy cheryl walter hannah
christian jacqueline keith martha roger gloria terry teresa austin ann sean sara gerald madison carl
frances harold kathryn dylan janice arthur jean lawrence abigail jordan alice jesse julia bryan judy
billy sophia bruce grace gabriel denise joe amber logan doris albert marilyn willie danielle alan
beverly juan isabella wayne theresa elijah diana randy natalie roy brittany vincent charlotte ralph
marie eugene kayla russell alexis bobby lori mason yuki hiroshi mei wei priya arjun fatima omar
lucas mateo sofia lena jonas elif mehmet aiko kenji chen sven ingrid pierre camille giulia marco`;

const LAST_NAMES = `smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez
lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris
sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores
green adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz
parker cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan
cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james
bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez
powell jenkins perry russell sullivan bell coleman butler henderson barnes gonzales fisher vasquez
simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno west cole
hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro marshall owens
harrison fernandez mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker guzman
burns crawford olson simpson porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks
holmes palmer wagner black robertson boyd rose stone salazar fox warren mills meyer rice schmidt
garza daniels ferguson nichols stephens soto weaver ryan gardner payne grant dunn kelley spencer
hawkins arnold pierce hansen peters santos hart bradley knight elliott cunningham duncan armstrong
hudson carroll lane riley andrews ray berry perkins hoffman johnston matthews pena richards willis
tanaka suzuki yamamoto wang zhang liu muller schneider fischer weber rossi russo bianchi dubois
lefebvre novak kowalski nowak yilmaz kaya demir singh kumar sharma gupta ali khan ahmed`;

const DOMAINS = `gmail.com outlook.com yahoo.com hotmail.com icloud.com proton.me example.com acme.io
fastmail.com gmx.de web.de orange.fr mail.ru qq.com company.co.uk startup.dev bigcorp.com`;

const COUNTRIES = `US GB DE FR IN CA BR JP NL ES IT AU SE PL CN KR MX TR CH BE AT DK NO FI IE PT NZ SG ZA AR`;

/** A constant list as an SQL array literal; the lists above hold only letters, digits and dots. */
function textArray(words: string): {
  array: RawBuilder<string[]>;
  length: number;
} {
  const list = words.split(/\s+/).filter(Boolean);
  for (const word of list) if (!/^[A-Za-z0-9.]+$/.test(word)) throw new Error(`unsafe seed word "${word}"`);
  return {
    array: sql<string[]>`array[${sql.join(list.map((word) => sql.lit(word)))}]::text[]`,
    length: list.length,
  };
}

/** Picks an element of `list`, skewed towards its head when `skew` > 1. */
function pick(list: { array: RawBuilder<string[]>; length: number }, skew: number) {
  return sql<string>`(${list.array})[1 + floor(power(random(), ${sql.lit(skew)}) * ${sql.lit(list.length)})::int]`;
}

/**
 * Inserts `count` developers into `orgId` with one set-based statement: realistic, varied
 * emails (first.last, flast, last.first, numbered duplicates, some mixed case), names,
 * telephones and countries. No password (no argon2): seeding 100 000 takes seconds.
 * `seed` makes the data repeatable. Returns how many rows went in.
 */
export async function seedDevelopers(db: Kysely<Database>, orgId: string, count: number, seed = 0.42): Promise<number> {
  const firsts = textArray(FIRST_NAMES);
  const lasts = textArray(LAST_NAMES);
  const domains = textArray(DOMAINS);
  const countries = textArray(COUNTRIES);
  // setseed and the insert must share a connection, hence the transaction.
  return db.transaction().execute(async (trx) => {
    await sql`select setseed(${sql.lit(seed)})`.execute(trx);
    const result = await sql`
      insert into developers (org_id, email, email_normalized, name, telephone, country, inactive, created_at, updated_at)
      with picked as (
        select g,
          ${pick(firsts, 1.6)} as first,
          ${pick(lasts, 1.6)} as last,
          ${pick(domains, 2)} as domain,
          floor(random() * 100)::int as style,
          random() as r1, random() as r2, random() as r3
        from generate_series(1, ${sql.lit(count)}) as g
      ), shaped as (
        select *,
          case
            when style < 35 then first || '.' || last
            when style < 50 then first || last
            when style < 62 then left(first, 1) || '.' || last
            when style < 72 then left(first, 1) || last
            when style < 80 then first || '_' || last
            when style < 88 then last || '.' || first
            when style < 95 then first
            else first || '.' || left(last, 1)
          end as base
        from picked
      ), numbered as (
        -- The same address picked twice gets a number, as mail providers make people do.
        select *, row_number() over (partition by base, domain order by g) as rn from shaped
      ), addressed as (
        select *,
          base || case
            when rn = 1 then ''
            when rn <= 45 then (1958 + rn)::text
            else (rn + 100)::text
          end || '@' || domain as address
        from numbered
      )
      select
        ${orgId}::uuid,
        case when r1 < 0.15 then initcap(address) when r1 < 0.17 then upper(address) else address end,
        address,
        initcap(first) || ' ' || initcap(last),
        case when r2 < 0.6 then '+' || (1 + floor(r3 * 98))::int || ' ' || lpad(floor(random() * 1e9)::bigint::text, 9, '0') end,
        case when r3 < 0.8 then ${pick(countries, 1.5)} end,
        random() < 0.05,
        created,
        created + random() * (now() - created)
      from (select *, now() - random() * interval '1095 days' as created from addressed) as rows
      on conflict do nothing`.execute(trx);
    return Number(result.numAffectedRows ?? 0n);
  });
}

/** Refreshes planner statistics after a bulk load, as autovacuum would eventually. */
export async function analyzeTables(db: Kysely<Database>, tables: readonly (keyof Database)[]): Promise<void> {
  await sql`analyze ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db);
}
