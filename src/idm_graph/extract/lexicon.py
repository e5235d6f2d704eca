"""Words that are evidence, in English and French: honorifics, the heads of roles and
professions, and verbs of speech, stance and meeting in every tense and person.

These are general lists of the two languages (no document's names or sentences); the evidence
pieces of :mod:`evidence` and the rules of :mod:`names` read them.

>>> bool(SPEECH_AFTER.match(" a déclaré que")), bool(SPEECH_AFTER.match(" warned that"))
(True, True)
>>> bool(SPEECH_AFTER.match(" expliquait hier")), bool(SPEECH_AFTER.match(" will tell"))
(True, True)
>>> bool(re.search(SPEECH_BEFORE + r"$", "« Il faut agir », explique "))
True
>>> bool(re.fullmatch(HONORIFIC, "Senator the Hon")), bool(re.fullmatch(HONORIFIC, "Hon"))
(True, True)
"""

from __future__ import annotations

import re

__all__ = ["HONORIFIC", "INCLUDING", "MEETING_AFTER", "MEETING_BEFORE", "PARTICIPATION",
           "PORTFOLIO_TITLE", "PROFESSION", "ROLE_HEAD", "SPEECH_AFTER", "SPEECH_BEFORE",
           "SPEECH_WORD", "speech_forms"]

#: Honorifics and forms of address before a name, with or without a full stop.
HONORIFIC = (r"S\.\s?E\.(?:\s(?:M\.|Mme))?|H\.\s?E\.(?:\s(?:Mr\.?|Ms\.?|Mrs\.?|Dr\.?))?|"
             r"Son Excellence|His Excellency|Her Excellency|"
             r"Senator the Hon\.?|(?:the |The )?(?:Rt\.? )?Hon\.?|Honourable|Honorable|"
             r"Monsieur|Madame|Mademoiselle|"
             r"Mmes|Mme|Mlle|MM\.|M\.|Mrs\.?|"
             r"Ms\.?|Mr\.?|Miss|Dre|Dr\.?|Pr\.?|Prof\.?|Sir|Dame|Me")

# Heads of roles and titles: the noun a role phrase is built on.
_ROLE_WORDS = (
    "director directeur directrice president présidente? minister ministre secretary "
    "secrétaire ambassador ambassadeur ambassadrice representative représentante? "
    "chair(?:man|woman|person)? head chef commissioner commissaire rapporteur rapporteuse "
    "advis[eo]r conseill[eè]re? coordinator coordinat(?:eur|rice) coordonnat(?:eur|rice) "
    "officer envoy envoyée? mayor maire governor gouverneur senator sénat(?:eur|rice) "
    "député députée eurodéputée? founder co-?founder fondat(?:eur|rice) "
    "co-?fondat(?:eur|rice) ceo pdg manager researcher chercheu(?:r|se) professor "
    "professeure? spokes(?:person|man|woman) porte-parole consul délégué déléguée "
    "delegate attorney administrat(?:or|eur|rice) counsel(?:l)?or leader responsable "
    "fellow analyst economist économiste specialist spécialiste dean doyen doyenne rector "
    "recteur advocate avocate? commander general chancellor chancelier chancelière "
    "king queen roi reine prince princesse emir émir sultan pope pape premier "
    "prefect préfet préfète governor-general vice-chancellor vice-présidente? vice-president")
#: Professions and occupations written before or after a name (« le démographe X »).
PROFESSION = (
    r"(?:démographe|demographer|sociologue|sociologist|historien(?:ne)?|historian|"
    r"politologue|political scientist|philosophe|philosopher|juriste|jurist|lawyer|"
    r"journaliste|journalist|reporter|correspondent|correspondante?|écrivain(?:e)?|writer|"
    r"auteure?|author|experte?|expert|scientist|scientifique|anthropologue|anthropologist|"
    r"géographe|geographer|militante?|activist|bénévole|volunteer|photographe|"
    r"photographer|économiste|economist|chercheu(?:r|se)|researcher|universitaire|"
    r"academic|médecin|doctor|physician|infirmi(?:er|ère)|nurse|prêtre|priest|imam|"
    r"pasteur|évêque|bishop|rabbin|rabbi|juge|judge|procureure?|prosecutor|"
    r"entrepreneur|entrepreneuse|syndicaliste|trade unionist|élue?|opposante?)")
#: The head nouns of roles as reports write them (English and French).
ROLE_HEAD = "(?:" + "|".join(_ROLE_WORDS.split()) + "|" + PROFESSION[3:-1] + ")"

#: A title whose complement is its portfolio (« ministre des Affaires étrangères », "Secretary
#: of Homeland Security"), right before the complement.
PORTFOLIO_TITLE = re.compile(
    r"(?i)\b(?:minister|secretary|ministre|secrétaire|commissioner|commissaire)"
    r"(?:\s+(?:general|général|d['’]État|of State|adjoint|délégué))?\s+"
    r"(?:of(?:\s+the)?|for(?:\s+the)?|de la|de l['’]|des|du|de|d['’]|à la|aux|au|chargée? de)\s*$")



# Speech and stance verbs: English stems (inflected with -s, -es, -d, -ed, -ing), French
# stems of -er verbs (inflected below), and irregular forms as written.
_EN_REGULAR = (
    "state note stress emphasi[sz]e highlight underline underscore recall explain observe "
    "argue add warn urge remark ask repl(?:y|ie) present announce declare insist "
    "acknowledge agree welcome deplore regret confirm reiterate affirm assert maintain "
    "claim suggest propose recommend express praise thank condemn critici[sz]e describe "
    "indicate commit pledge promise vow caution contend conclude comment answer respond "
    "reaffirm appeal share outline recogni[sz]e voice raise denounce reject support oppose "
    "defend question challenge celebrate discuss address brief testif(?:y|ie) mention "
    "lament hail admit insist threaten refuse demand request accuse blame approve endorse "
    "predict")
_EN_IRREGULAR = ("said says say saying told tell tells telling spoke speak speaks speaking "
                 "wrote write writes writing reported committed committing regretted "
                 "regretting admitted admitting "
                 r"point(?:s|ed|ing)?\s+out call(?:s|ed|ing)?\s+(?:for|on|upon)")
_FR_ER = (
    "déclar affirm expliqu soulign estim rappell? ajout précis indiqu insist plaid dénonc "
    "regrett salu assur jug martel résum not observ relev constat confi racont détaill "
    "annonc propos appell? demand réclam exhort invit évoqu présent alert avert interpell "
    "témoign mentionn signal avanc prôn défend lanc déplor souhait recommand encourag "
    "exprim remerci condamn critiqu qualifi préconis partag illustr expos rétorqu "
    "réaffirm renouvel esquiss nuanc tempér ironis s'indign s'inquièt s'interrog "
    "se\\s+félicit félicit s'alarm s'insurg discut abord menac refus exig approuv accus "
    "reproch engag")
_FR_IRREGULAR = (
    "dit disent disait disaient dira reconnaît reconnaissent reconnu admet admis promet "
    "promis prévient prévenu soutient soutiennent soutenu répond répondent répondu écrit "
    "écrivent défend défendent défendu défendait convient convenu conclut conclu poursuit "
    "décrit concède répète "
    r"fait\s+valoir fait\s+savoir intervenue? pris\s+la\s+parole prend\s+la\s+parole")


def speech_forms() -> list[str]:
    """Every inflected form of the speech and stance verbs, as regex alternatives."""
    forms = [rf"{stem}(?:s|es|d|ed|ing)?" for stem in _EN_REGULAR.split()]
    forms += _EN_IRREGULAR.split()
    forms += [rf"{stem}(?:e|es|ent|é|ée|és|ées|ait|aient|a|èrent|era|eront|ant)"
              for stem in _FR_ER.split()]
    forms += _FR_IRREGULAR.split()
    return forms


#: A speech made with a light verb: "made an intervention", "gave a speech", "delivered
#: remarks", "took the floor", « a fait une déclaration », « a prononcé un discours ».
_LIGHT = (r"(?:(?:made|makes|make|gave|gives|give|delivered|delivers|deliver|offered|"
          r"offers)\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+|its\s+)?(?:\w+\s+){0,2}?"
          r"(?:intervention|statement|speech|remarks|address|presentation|briefing|"
          r"comments?)|took the floor|takes the floor|"
          r"(?:fait|faisait|prononcé|prononce|prononçait)\s+(?:une?\s+|son\s+|sa\s+|"
          r"leur\s+)?(?:\w+\s+){0,2}?(?:déclaration|discours|intervention|allocution|"
          r"exposé|présentation))")
#: One speech or stance verb, in any tense or person.
SPEECH_WORD = r"(?:" + _LIGHT + "|" + "|".join(speech_forms()) + r")"
_AUX = (r"(?:(?:has|have|had|will|would|also|then|later|further|again|n't|not|did|does|do|"
        r"was|were|is|are|been)\s+|(?:a|ont|avait|avaient|aura|auront|avait|est|sont|s'est|"
        r"se sont|n'a|n'ont|pas|également|aussi|encore|alors|ensuite|d'ailleurs|"
        r"notamment|quant à (?:lui|elle),?)\s+)")
#: The organisation a name is from, between the name and its verb: "X from the Mixed
#: Migration Centre presented …", « X, de l'Institut Y, a rappelé … » (capitalised words and
#: the small words of a name).
_FROM_BODY = (r"(?:\s+(?:from|of|at|de|du|des|d['’])\s*(?:the\s+|la\s+|le\s+|l['’])?"
              r"(?-i:[A-ZÀ-Þ][\w'’&-]*(?:\s+(?:(?:of|for|on|and|the|de|du|des|la|pour|et|sur|"
              r"l['’])\s*)*[A-ZÀ-Þ][\w'’&-]*){0,8})(?:\s*\([^()]{0,40}\))?,?\s*)")
#: A speech verb right after a name, possibly after an incise (« X, présidente, a déclaré »)
#: or the organisation the person is from.
SPEECH_AFTER = re.compile(
    rf"^\s*(?:\([^()]{{0,60}}\)\s*)?{_FROM_BODY}?(?:,[^,.;]{{0,160}},\s*)?{_AUX}{{0,3}}"
    rf"{SPEECH_WORD}\b", re.IGNORECASE)
#: Who speaks in turn, said between an inverted verb and the name: « s'est félicité à son tour
#: M. X », "added, in turn, X".
_TURN_OF = (r"(?:,?\s+(?:à son tour|pour sa part|de son côté|quant à (?:lui|elle)|lui aussi|"
            r"elle aussi|en retour|in turn|for (?:his|her) part|also|again|too),?)")
#: A speech verb, « selon » or "according to" right before a name: "said X", « …, explique X »,
#: « selon X », « pour X, », "according to X".
SPEECH_BEFORE = (rf"(?:(?:^|[,»”\"’]\s*|—\s*){_AUX}{{0,2}}{SPEECH_WORD}{_TURN_OF}?|\bselon|"
                 r"\baccording to|"
                 r"^\s*pour|\bd'après|\bpour (?:le|la) (?:\w+\s+){0,3})"
                 r"(?:\s+(?:the|le|la|l'|les)(?:\s*[\w'’-]+){0,4}?)?\s+")
_MEET = (r"(?:met|meets|meet|meeting|hosted|hosts|host|hosting|chaired|chairs|chair|co-chaired|"
         r"co-chairs|convened|convenes|led|leads|welcomed|welcomes|received|receives|visited|"
         r"visits|attended|attends|joined|joins|participated|participates|travel(?:l)?ed|"
         r"opened|opens|closed|closes|moderated|moderates|addressed|addresses|briefed|"
         r"présid(?:e|é|ée|ait|ent)|a présidé|a reçu|reçoit|a rencontré|rencontre|"
         r"a accueilli|accueille|a participé|participe|s'est rendue?|se rend|a visité|"
         r"visite|a ouvert|ouvre|a clos|a clôturé|clôture|a animé|anime|a modéré|"
         r"s'est entretenue?|s'entretient|a conduit|conduit|a dirigé|dirige|a assisté|"
         r"assiste)")
#: A meeting verb right after a name: "X met …", « X a présidé … ».
MEETING_AFTER = re.compile(rf"^\s*(?:,[^,.;]{{0,160}},\s*)?{_AUX}{{0,2}}{_MEET}\b",
                           re.IGNORECASE)
#: A meeting phrase right before a name: "chaired by X", "met with X", « présidé par X »,
#: « aux côtés de X », "in the presence of X".
MEETING_LEAD = (
    r"(?:\b(?:chaired|co-chaired|hosted|co-hosted|moderated|led|opened|closed|convened|"
    r"facilitated|introduced|joined|welcomed|received|accompanied)\s+by|"
    r"\b(?:met|meet|meets|meeting|talks|spoke|conversation|call|discussion|discussions)\s+"
    r"with|\balongside|\bin the presence of|\btogether with|"
    r"\b(?:présidée?s?|animée?s?|modérée?s?|ouverte?s?|clôturée?s?|conduite?s?|dirigée?s?|"
    r"reçue?s?|accueillie?s?|accompagnée?s?|introduite?s?)\s+par|"
    r"\b(?:rencontré|rencontre|rencontrer|entretien|entretenu|entretenue|réunion|échange)\s+"
    r"avec|\baux côtés d[eu']|\ben présence d[eu'])")
MEETING_BEFORE = re.compile(MEETING_LEAD + r"(?:\s+[\w.'’-]+){0,6}\s*$", re.IGNORECASE)
#: A meeting phrase, wherever it stands before a list of names: "met with A, Minister, and
#: B" (the list between is checked by the caller).
MEETING_LEADS = re.compile(MEETING_LEAD + r"\s*", re.IGNORECASE)

#: Taking part, said before the names it governs (the list of names and roles between the
#: two is checked by the caller): "was represented by X", "Joining the
#: panel were X and Y", "Participants included X", "with the participation of X",
#: « avec la participation de X », « ont participé à la réunion : X, Y ».
PARTICIPATION_BEFORE = re.compile(
    r"(?:\b(?:represented|attended|accompanied)\b[^.;:]{0,60}?\bby|"
    r"\b(?:joining|attending|present|in attendance|taking part)\b[^.;:]{0,80}?\b(?:were|was)|"
    r"\b(?:participants|attendees|speakers|panel(?:l)?ists|delegation|delegates|panel)\s+"
    r"(?:also\s+)?(?:included|includes|comprised)|"
    r"\bamong (?:the )?(?:participants|attendees|speakers|those present)\s+(?:were|was)|"
    r"\bwith the participation of|\bavec la participation d[eu']|\ben présence d[eu']|"
    r"\breprésentée?s? par|"
    r"\b(?:ont participé|ont pris part|étaient présents|participaient)\b[^.;]{0,80}?:|"
    r"\bparmi les (?:participants|intervenants|invités)\b[^.;]{0,20}?(?:figuraient|"
    r"étaient|:))\s*", re.IGNORECASE)

#: Persons named as members of a group that met or took part: "civil society leaders,
#: including X", « des représentants, dont X », "ministers, among them X".
INCLUDING = re.compile(
    r"\b(?:leaders|officials|representatives|ministers|participants|delegates|experts|"
    r"members|speakers|panel(?:l)?ists|advocates|partners|counterparts|heads|envoys|"
    r"dirigeants|responsables|représentants|représentantes|ministres|délégués|membres|"
    r"intervenants|invités|experts|chefs)\b[^.;:]{0,60}?,?\s*"
    r"(?:including|among them|such as|notamment|dont|parmi lesquels|parmi lesquelles|"
    r"tels que|telles que|comme)\s*",
    re.IGNORECASE)

#: Taking part without a statement: "attended", "took part", « ont participé », « a assisté ».
PARTICIPATION = re.compile(
    r"\b(?:attended|attends|participated|participates|took part|takes part|joined|were present|"
    r"was present|accompanied|were represented|was represented|represented|"
    r"(?:a|ont|avait|avaient)\s+(?:(?:également|aussi|ensuite|en outre|notamment|par "
    r"ailleurs)\s+)?(?:participé|assisté|pris part|accompagné|représenté)|"
    r"participait|participaient|assistait|assistaient|était présente?|étaient présente?s|"
    r"représentaient)\b",
    re.IGNORECASE)
