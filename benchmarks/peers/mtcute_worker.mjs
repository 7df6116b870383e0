// mtcute's side of the peer benchmark (bench.py drives it over stdin/stdout).
//
// Uses @mtcute/node's SqliteStorage (better-sqlite3, WAL by default) through its peers repository,
// the layer under mtcute's PeersService: the service turns a TL user or chat into the repository's
// row (marked id, access hash, lower-cased usernames, the TL object serialized as `complete`), calls
// store() and then driver.save(), which writes everything pending in one transaction; reads by
// username lower-case the name first. This worker does the same conversions once, up front (as
// the other two workers build their peer objects up front), and times store() + save(),
// getById() and getByUsername(name.toLowerCase()). The service's LRU cache of 100 peers is left out.
//
//   node mtcute_worker.mjs <data dir> <work dir> <set>...
//
// Each set is name=pragmas: "default" leaves the database as SqliteStorage opens it; otherwise a
// comma-separated list such as synchronous=FULL is applied once after it is opened.
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'

import Long from 'long'
import { NodePlatform, SqliteStorage } from '@mtcute/node'
import { LogManager, TlBinaryWriter, __tlWriterMap, longToFastString } from '@mtcute/core/utils.js'

const modules = new URL('./node_modules/', import.meta.url)
const versionOf = (name) => JSON.parse(fs.readFileSync(new URL(`${name}/package.json`, modules), 'utf8')).version
const mtcuteVersion = versionOf('@mtcute/node')
const betterSqliteVersion = versionOf('better-sqlite3')

const [dataDir, workDir, ...sets] = process.argv.slice(2)

function readData() {
  const rows = []
  for (const line of fs.readFileSync(path.join(dataDir, 'peers.tsv'), 'utf8').split('\n')) {
    if (!line) continue
    const [kind, id, marked, accessHash, username, first, last, phone, bot] = line.split('\t')
    const hash = Long.fromString(accessHash)
    let tl
    if (kind === 'user') {
      tl = {
        _: 'user', id: Number(id), accessHash: hash, firstName: first, lastName: last || undefined,
        username: username || undefined, phone: phone || undefined, bot: bot === '1',
      }
    } else if (kind === 'chat') {
      tl = { _: 'chat', id: Number(id), title: first, photo: { _: 'chatPhotoEmpty' }, participantsCount: 10, date: 1704067200, version: 1 }
    } else {
      tl = {
        _: 'channel', id: Number(id), accessHash: hash, title: first, photo: { _: 'chatPhotoEmpty' }, date: 1704067200,
        username: username || undefined, megagroup: true,
      }
    }
    rows.push({
      id: Number(marked),
      accessHash: kind === 'chat' ? '' : longToFastString(hash),
      isMin: false,
      usernames: username ? [username.toLowerCase()] : [],
      updated: Date.now(),
      phone: phone || undefined,
      complete: TlBinaryWriter.serializeObject(__tlWriterMap, tl),
    })
  }
  const idOrder = fs.readFileSync(path.join(dataDir, 'order-id.txt'), 'utf8').split('\n').filter(Boolean).map(Number)
  const usernameOrder = fs.readFileSync(path.join(dataDir, 'order-username.txt'), 'utf8').split('\n').filter(Boolean)
  // Batches in other groups than the peers were first saved in: taken in the order of the reads by id.
  const byId = new Map(rows.map((row) => [row.id, row]))
  const scattered = idOrder.map((id) => byId.get(id))
  return { rows, scattered, idOrder, usernameOrder }
}

const platform = new NodePlatform()
const log = new LogManager('bench', platform)
log.level = LogManager.ERROR

async function open(file, pragmas) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
  const storage = new SqliteStorage(file)
  storage.driver.setup(log, platform)
  await storage.driver.load()
  if (pragmas !== 'default') {
    for (const pragma of pragmas.split(',')) storage.driver.db.pragma(pragma)
  }
  return { storage, batch: 0, scattered: 0, id: 0, username: 0, single: 0 }
}

function describe(target) {
  const db = target.storage.driver.db
  const journal = db.pragma('journal_mode', { simple: true })
  const synchronous = db.pragma('synchronous', { simple: true })
  const version = db.prepare('select sqlite_version()').pluck().get()
  return `journal_mode=${journal} synchronous=${synchronous} sqlite ${version}, mtcute ${mtcuteVersion}, better-sqlite3 ${betterSqliteVersion}`
}

function run(target, workload, seconds, data) {
  const { peers } = target.storage
  const { driver } = target.storage
  const { rows, scattered, idOrder, usernameOrder } = data
  const budget = seconds * 1000
  let ops = 0
  let items = 0
  const start = performance.now()
  let elapsed
  do {
    if (workload === 'batch' || workload === 'scattered') {
      // 'batch': in the groups first saved; 'scattered': in the order of the reads by id.
      const order = workload === 'batch' ? rows : scattered
      for (let i = 0; i < 100; i++) {
        peers.store(order[target[workload]])
        target[workload] = (target[workload] + 1) % order.length
      }
      driver.save()
      items += 100
    } else if (workload === 'id') {
      const id = idOrder[target.id]
      target.id = (target.id + 1) % idOrder.length
      if (!peers.getById(id)) throw new Error(`peer ${id} not found`)
      items += 1
    } else if (workload === 'username') {
      const username = usernameOrder[target.username]
      target.username = (target.username + 1) % usernameOrder.length
      if (!peers.getByUsername(username.toLowerCase())) throw new Error(`username ${username} not found`)
      items += 1
    } else if (workload === 'single') {
      peers.store(rows[target.single])
      driver.save()
      target.single = (target.single + 1) % rows.length
      items += 1
    } else {
      throw new Error(workload)
    }
    ops += 1
    elapsed = performance.now() - start
  } while (elapsed < budget)
  return { ops, items, seconds: elapsed / 1000 }
}

const data = readData()
const targets = {}
for (const spec of sets) {
  const [name, pragmas] = [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)]
  const target = await open(path.join(workDir, `mtcute-${name}.db`), pragmas)
  for (const row of data.rows) target.storage.peers.store(row)
  target.storage.driver.save()
  targets[name] = target
}
const info = {}
for (const [name, target] of Object.entries(targets)) info[name] = describe(target)
process.stdout.write(`ready ${JSON.stringify(info)}\n`)

const lines = readline.createInterface({ input: process.stdin })
for await (const line of lines) {
  if (line.trim() === 'quit') break
  const [, name, workload, seconds] = line.trim().split(' ')
  process.stdout.write(`${JSON.stringify(run(targets[name], workload, Number(seconds), data))}\n`)
}
for (const target of Object.values(targets)) await target.storage.driver.destroy()
process.exit(0)
