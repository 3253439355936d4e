/**
 * Fact features: what the contract definitions ask about a ticket, detected in the normalised
 * text. Each has an id the model weighs and words a responder reads on the card. They are cues,
 * not decisions: the trained model sets how much each one counts.
 */
export interface FactDefinition {
  id: string;
  /** How the card words it when it weighed in: "the message says everyone is affected". */
  says: string;
  pattern: RegExp;
  /** False where a negation right before belongs to the fact itself ("nobody can log in"). */
  isNegatable: boolean;
}

const fact = (id: string, says: string, source: string, isNegatable = true): FactDefinition => ({
  id,
  says,
  pattern: new RegExp(`(?<![a-z0-9_])(?:${source})(?![a-z0-9_])`, 'g'),
  isNegatable,
});

export const FACTS: readonly FactDefinition[] = [
  fact(
    'scope_all',
    'everyone or every request is affected',
    String.raw`every(one|body| user| request| call| customer| page| sync| integration| tenant| account| endpoint)|all (of )?(our |my |the )?(users|customers|employees|accounts|requests|calls|syncs|integrations|tenants|endpoints|teams|staff|pages|data)|(entire|whole) (company|team|org|organisation|organization|platform|app|product|system|account|office)|(nobody|no one|noone) (can|could|is able)|company[- ]wide|across the board|for all of us|none (a single|one|any|even)|zero|hundredpercent`,
    false,
  ),
  fact(
    'scope_some',
    'only some users or one case is affected',
    String.raw`(only|just) (one|a few|some|two|three|this|that|a couple)|(a few|some|couple of|handful of|one of our|single) (users|people|accounts|employees|records|customers|colleagues|of our)|(one|a single) (user|record|account|employee|customer|field)|rest (is|are|works?|seems?) (fine|ok|okay|normal)|everything else (works|is fine|looks fine|is ok)|other(s| ones| integrations| users)? (work|are fine|are ok|look fine)`,
  ),
  fact(
    'down',
    'the product or a service is down or unreachable',
    String.raw`(is|are|went|goes|been|looks|seems|completely|totally|entirely|fully) down|down for|outage|unreachable|not reachable|cannot (reach|access|connect|load|open|use)|(unable|impossible) to (access|log ?in|login|sign in|reach|use|connect|load)|nothing (loads|works|is loading|is working)|not (loading|load|responding|working at all)|(blank|white|empty) (page|screen)|http50[0234]|bad gateway|service unavailable|gateway time ?out|connection refused|dead|offline|unusable|not usable`,
  ),
  fact(
    'errors',
    'a feature errors or fails',
    String.raw`error(s|ed|ing)?|fail(s|ed|ing|ure|ures)?|broken|break(s|ing)?|crash(es|ed|ing)?|exception|bug|stuck|does not work|do not work|is not working|are not working|stopped working|not work(ing)?|http4[0-9][0-9]|timeout|time out|timed out|times out`,
  ),
  fact(
    'slow',
    'things are slow',
    String.raw`slow(er|ly|ness)?|sluggish|lag(gy|ging)?|latency|takes? (ages|forever|long|minutes|hours)|taking (ages|forever|long|minutes|hours)|minutes to load|seconds to load|spinning|spinner`,
  ),
  fact(
    'data_loss',
    'data was deleted, wiped, overwritten or lost',
    String.raw`(data|records?|rows?|entries|contacts|employees|candidates|invoices|fields?|history|files?|deals|accounts|everything|values?) (were |was |got |have been |has been |are |is )?(deleted|wiped|erased|lost|gone|missing|disappeared|vanished|overwritten|blanked|emptied|nulled|corrupted|purged|removed)|(deleted|wiped|erased|overwrote|overwritten|blanked|nulled|corrupted|purged) (all|our|the|every|thousands|hundreds)|data loss|lost (all|our|the|data|records)|(blank|empty|null) (now|values|fields)|(were|was|are|is) (now )?(blank|empty|null)`,
  ),
  fact(
    'data_destroyed',
    'records were deleted, wiped or overwritten',
    String.raw`(data|records?|rows?|entries|contacts|employees|candidates|invoices|history|files|deals|accounts|everything|all of (it|them)|attachments|documents|tickets|notes|transactions) (were |was |got |have been |has been |are |is )?(permanently )?(deleted|wiped|erased|lost|overwritten|purged|corrupted|destroyed)|(deleted|wiped|erased|overwrote|overwritten|purged|corrupted|destroyed) (all|every|thousands|hundreds|our (data|records|contacts|employees|history))|(permanent|irreversible) (data )?loss|data loss|lost (all|every|our) (data|records|history|changes)`,
  ),
  fact(
    'duplicates',
    'records are duplicated',
    String.raw`duplicat(e|es|ed|ing|ion|ions)|twice|double(d| entries| records| posted| counted)?|(created|synced|imported|sent|posted) (two|three|multiple) times|dupes?`,
  ),
  fact(
    'exposure',
    "another company's data is visible or there was unauthorised access",
    String.raw`(another|other|different|someone else|a different) (company|companies|customer|customers|tenant|tenants|org|organisation|organization|client|clients|account)(s)?('s)? (data|records|employees|candidates|invoices|contacts|info|information|details|files|names)|cross[- ]tenant|data (leak|breach|exposure)|data leak|leaked (data|credentials|keys|tokens|records|passwords)|unauthori[sz]ed (access|login|logins|user|users|person|party|api|calls|requests)|(account|accounts|credentials|tokens?|keys?|admin|we) (was |were |have been |has been |got |been )?(hacked|compromised|breached)|not (ours|our data|our records|our employees)|(we|i) (can )?see (their|other|another|someone)`,
  ),
  fact(
    'security_topic',
    'it is about security or compliance',
    String.raw`security|secure|soc ?0|soc ?2|iso ?0|gdpr|dpa|pen(etration)? ?test|encrypt(ed|ion)?|vulnerab(le|ility)|compliance|audit|questionnaire|sub-?processors?|retention|privacy`,
  ),
  fact(
    'no_workaround',
    'there is no workaround',
    String.raw`no (workaround|work around|work-around|way around|alternative|other way)|(nothing|no way) (we can do|to work around)|completely blocked|(we are|we're|team is|everyone is|all) blocked|cannot (do|work|continue) (anything|our work)|(are|is) (idle|at a standstill|sitting idle)`,
    false,
  ),
  fact(
    'workaround_unsustainable',
    'the workaround cannot be kept up',
    String.raw`(by hand|manually|manual(ly)? (re-?entry|entry|work|re-?enter|copy|upload))|re-?enter(ing)?|(every|each) (hour|morning|day|few minutes|time)|(hundreds|thousands|dozens) of|not sustainable|unsustainable|cannot keep (doing|up)|babysit|(full[- ]time|all day)|overtime|temporary (fix|workaround)`,
  ),
  fact(
    'workaround_ok',
    'a workaround works for now',
    String.raw`work ?around|workaround|in the meantime|meanwhile|for now|instead|(we can|we could|able to) (still|use|just|manually|do it)|(still|it) works (via|through|from|if|when|in|on)|(via|through|using) the (api|app|mobile|desktop|old|other|web|csv)|not (a big deal|urgent|blocking|a blocker|critical)|(minor|small|little) (issue|thing|problem|bug|annoyance)|(annoying|a bit annoying|inconvenient|cosmetic)`,
  ),
  fact(
    'question',
    'it asks a question',
    String.raw`how (do|does|can|should|to|would|long|much|many)|what (is|are|does|do|happens|should|would)|(is|are) there (a|any)|can (we|i|you) (use|set|configure|change|get|have|export|find|see)|do you (support|have|offer|plan)|does (it|the|your)|is it possible|wondering|curious|any (docs|documentation|guide|plans)|could you (explain|clarify|confirm|tell|share|point)|question|quick q`,
  ),
  fact(
    'request',
    'it asks for a new capability',
    String.raw`feature request|would (be|love|like) (great|nice|good|helpful|useful|awesome|to (have|see|be able))|please (add|support|consider|build|allow)|(it would be|would be) (nice|great|good|useful|helpful)|wish(list)?|(add|support for|ability to|option to|possibility to)|roadmap|suggestion|why (is there no|can i not|cannot i|do not you|does it not)|(there is|there's) no (way|option|setting|button)|does not (support|allow|let)`,
  ),
  fact(
    'docs_cosmetic',
    'it concerns documentation, wording or appearance',
    String.raw`docs|documentation|typo|spelling|misspell(ed|ing)?|wording|translation|label|font|colou?r|align(ed|ment)?|misaligned|icon|logo|padding|margin|overlap(s|ping)?|cut off|truncated|dark mode|css|layout|tooltip|readme|changelog|(api )?reference|example (code|request)`,
  ),
  fact(
    'past',
    'it happened in the past',
    String.raw`(was|were|went|had been) (down|broken|failing|unavailable|offline|slow|unreachable)|yesterday|last (week|night|month|friday|monday|tuesday|wednesday|thursday|saturday|sunday)|earlier (today|this week)|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(post[- ]?mortem|rca|root cause|incident report|what happened|what went wrong)`,
  ),
  fact(
    'recovered',
    'it has recovered or was fixed',
    String.raw`(is|are|seems|seem|looks|look|everything|all|it) (fine|ok|okay|normal|stable) (now|again)|(is|are|everything|it) working (again|fine again|normally again)|back (to normal|up and running|online)|(has|have|had|it|everything|service|api|app|platform|sync|syncs) (since |fully |now )?recovered|recovered (on its own|by itself|after|fully)|(was|were|has been|have been|got) (resolved|fixed|restored)|resolved itself|no longer (failing|down|broken|an issue|happening)|(stable|green) (again|since)`,
  ),
  fact(
    'ongoing',
    'it is happening right now',
    String.raw`(right )?now|today|currently|still|(0|a few|few|several|a couple of) (min|mins|minutes|hours|hrs|h) ago|started|starting|since (this|0|yesterday|last|the|about|around|this morning)|ongoing|at the moment|as we speak|again|keeps|(for|past|last) (the )?(0|an|one|two|few|several) (minutes|hours|min|mins|hrs|h)|(is|are) (failing|down|broken|erroring|timing out|returning)`,
  ),
  fact(
    'sandbox',
    'it concerns a sandbox or test environment',
    String.raw`sandbox|staging|test (env|environment|instance|account|tenant|org)|dev (env|environment|instance)|non-?prod(uction)?|uat|qa (env|environment)`,
  ),
  fact(
    'production',
    'it concerns production',
    // "production is fine" says the problem is elsewhere.
    String.raw`(prod|production|live (env|environment|site|system|data|customers)|go-?live)(?! (is |are |seems |looks |still |itself |stays |remains )*(fine|ok|okay|unaffected|not affected|working|works|good|normal|healthy|stable))`,
  ),
  fact(
    'billing',
    'it concerns billing or invoices',
    String.raw`invoice(s|d)?|billing|billed|charge(d|s)?|pricing|price|plan|subscription|receipt|vat|refund|seat(s)?|renewal|payment(s)?|payout(s)?|credit card|card`,
  ),
  fact(
    'login',
    'it concerns login or SSO',
    String.raw`log ?in|login|logon|sign ?in|sso|saml|okta|azure ad|entra|google workspace|onelogin|mfa|2fa|password|magic link|authenticat(e|ion)|session`,
  ),
  fact(
    'webhooks',
    'it concerns webhooks or events',
    String.raw`webhooks?|callbacks?|events?|notifications? (not|never)|delivery|deliveries|payloads?`,
  ),
  fact(
    'urgency',
    'it is marked urgent',
    String.raw`urgent(ly)?|asap|emergency|critical|p0|p1|sev ?0|sev ?1|blocker|immediately|right away|escalat(e|ing)|help!+|!!+`,
    false,
  ),
  fact(
    'calm',
    'it is marked as not urgent',
    String.raw`no rush|low priority|not urgent|whenever (you|someone) (can|get|have)|when you (get|have) (a|the) (chance|moment|minute)|no hurry|not a priority|nice to have|fyi`,
    false,
  ),
];
