"""Write a synthetic corpus of English news articles for benchmarks.

Every article is fiction assembled from templates: elections, natural disasters,
economy and markets, sport results, conflicts and security, health, and courts. The
articles carry what real wire copy carries: people with honorifics, organisations with
acronyms, places, explicit and relative dates, counts with qualifiers, attributed
quotes, and page junk (related links, photo captions, copyright and subscription
footers). They are written as .txt (with or without YAML front matter), .md, .json,
.jsonl (several per file) and a few .html pages. The same seed gives the same files.

Usage: python bench/gen_corpus.py N OUT_DIR [--seed S]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random

# --- vocabularies (all invented or generic) -----------------------------------------------

WOMEN = """
Amara Lucia Ingrid Mei Nadia Priya Hana Elena Aisha Freya Leila Zanele Carmen Yuki Sofia Ines
Valentina Astrid Farida Noor Wanjiru Camila Marta Signe Lina Adaeze Paula Beatriz Greta
""".split()
MEN = """
Tomasz Kwame Rafael Oskar Julien Mateus Sipho Dmitri Gustavo Kenji Bruno Anders Tariq Emeka
Marek Haruto Chidi Diego Lars Pablo Teodor Rohan Obinna Joaquin Viktor Henrik Arjun Kofi Ramon
""".split()
FIRST_NAMES = WOMEN + MEN

SURNAMES = """
Okafor Novak Ferreira Lindqvist Mensah Castellanos Tanaka Brandt Haddad Moreau Raghunathan
Kowalczyk Sato Dlamini Petrova Alvarez Nyberg Adeyemi Rossi Mwangi Halvorsen Quintero Osei
Bergstrom Chaudhry Iwasaki Ndlovu Lemaire Varga Santos Achterberg Oyelaran Marchetti Kariuki
Sorensen Villalobos Tembo Hakimi Lindgren Ostrowski Abiodun Carvalho Nakamura Eze Fontaine
Delgado Holmberg Kamau Wojcik Arslan Bianchi Mbeki Rasmussen Ortega Kimura Boateng Dumont
""".split()

COUNTRIES: dict[str, list[str]] = {
    "Kenya": ["Nairobi", "Mombasa", "Kisumu", "Nakuru"],
    "Peru": ["Lima", "Arequipa", "Cusco", "Trujillo"],
    "Indonesia": ["Jakarta", "Surabaya", "Medan", "Makassar"],
    "Poland": ["Warsaw", "Krakow", "Gdansk", "Wroclaw"],
    "Chile": ["Santiago", "Valparaiso", "Concepcion", "Antofagasta"],
    "Vietnam": ["Hanoi", "Da Nang", "Hue", "Can Tho"],
    "Ghana": ["Accra", "Kumasi", "Tamale", "Takoradi"],
    "Portugal": ["Lisbon", "Porto", "Coimbra", "Faro"],
    "Canada": ["Ottawa", "Winnipeg", "Halifax", "Calgary"],
    "Brazil": ["Brasilia", "Recife", "Manaus", "Curitiba"],
    "Nigeria": ["Abuja", "Lagos", "Kano", "Ibadan"],
    "the Philippines": ["Manila", "Cebu", "Davao", "Iloilo"],
    "Norway": ["Oslo", "Bergen", "Tromso", "Stavanger"],
    "Morocco": ["Rabat", "Fez", "Agadir", "Tangier"],
    "Colombia": ["Bogota", "Medellin", "Cali", "Barranquilla"],
    "Bangladesh": ["Dhaka", "Chittagong", "Sylhet", "Khulna"],
    "Romania": ["Bucharest", "Cluj", "Iasi", "Timisoara"],
    "Malaysia": ["Kuala Lumpur", "Penang", "Ipoh", "Kuching"],
    "New Zealand": ["Wellington", "Auckland", "Christchurch", "Dunedin"],
    "Ecuador": ["Quito", "Guayaquil", "Cuenca", "Manta"],
}

#: Fictional regions and armed groups for the conflict stories.
REGIONS = ["Kesra province", "the Valdor region", "Orlan district", "the Tamsin highlands",
           "Besk province", "the Marun valley", "the Eastern Corridor", "Halvic province"]
ARMED_GROUPS = [("Northern Liberation Front", "NLF"), ("People's Defence Brigades", "PDB"),
                ("Movement for a Free Marun", "MFM"), ("Sons of the Valley", "SOV"),
                ("United Resistance Council", "URC"), ("Highland Self-Defence Army", "HSDA")]

WIRES = ["Meridian Press", "Northstar Wire", "Continental News Service", "Atlas Newswire",
         "Harbour Press Agency", "Compass Wire", "Lodestar News"]
OUTLETS = [("The Daily Lantern", "daily-lantern"), ("Riverside Chronicle", "riverside-chronicle"),
           ("Global Ledger", "global-ledger"), ("Evening Courier", "evening-courier"),
           ("Metro Observer", "metro-observer"), ("Coastal Times", "coastal-times"),
           ("The Highland Post", "highland-post"), ("Union Herald", "union-herald")]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTH_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

QUALIFIERS = ["more than", "at least", "about", "nearly", "some", "over", "almost",
              "roughly", "fewer than", "up to", "", "", ""]


@dataclass
class Person:
    title: str
    first: str
    last: str
    role: str
    woman: bool


@dataclass
class Org:
    name: str
    acronym: str


#: Per topic: people's (honorific, role) pairs and organisations.
TOPIC_PEOPLE: dict[str, list[tuple[str, str]]] = {
    "election": [("President", "the incumbent president"), ("Mr.", "the opposition leader"),
                 ("Ms.", "the party's candidate"), ("Sen.", "a senior senator"),
                 ("Dr.", "a political scientist at the national university"),
                 ("Mrs.", "the commission's chairwoman")],
    "disaster": [("Dr.", "a seismologist"), ("Gov.", "the provincial governor"),
                 ("Mr.", "the head of the disaster agency"), ("Col.", "the rescue commander"),
                 ("Ms.", "a spokeswoman for the relief effort"), ("Mayor", "the city's mayor")],
    "economy": [("Dr.", "the central bank governor"), ("Mr.", "the finance minister"),
                ("Ms.", "the chief economist at a local brokerage"),
                ("Prof.", "an economics professor"), ("Mr.", "the trade minister")],
    "sport": [("Mr.", "the head coach"), ("Ms.", "the team captain"),
              ("Dr.", "the team doctor"), ("Mr.", "the federation president")],
    "conflict": [("Gen.", "the army chief of staff"), ("Col.", "a military spokesman"),
                 ("Brig. Gen.", "the regional commander"), ("Mr.", "the defence minister"),
                 ("Maj.", "an officer at the front"), ("Dr.", "a security analyst")],
    "health": [("Dr.", "the health minister"), ("Dr.", "an epidemiologist"),
               ("Prof.", "a virologist"), ("Ms.", "a nurse at the district hospital"),
               ("Dr.", "the director of the national institute of public health")],
    "court": [("Judge", "the presiding judge"), ("Mr.", "the defence lawyer"),
              ("Ms.", "the chief prosecutor"), ("Justice", "a supreme court justice"),
              ("Mr.", "the former minister")],
}

TOPIC_ORGS: dict[str, list[tuple[str, str]]] = {
    "election": [("Independent Electoral Board", "IEB"), ("National Renewal Party", "NRP"),
                 ("Democratic Alliance Front", "DAF"), ("Citizens' Progress Movement", "CPM"),
                 ("Union for Social Justice", "USJ"), ("Election Observation Mission", "EOM")],
    "disaster": [("National Disaster Management Agency", "NDMA"),
                 ("Coastal Relief Coordination Office", "CRCO"),
                 ("Meteorological and Geophysical Service", "MGS"),
                 ("International Federation of Relief Societies", "IFRS")],
    "economy": [("Central Statistics Office", "CSO"), ("National Monetary Authority", "NMA"),
                ("Chamber of Commerce and Industry", "CCI"),
                ("International Monetary Fund", "IMF"), ("Regional Development Bank", "RDB")],
    "sport": [("National Football Federation", "NFF"), ("Continental Athletics Union", "CAU"),
              ("Premier Basketball League", "PBL"), ("Anti-Doping Agency", "ADA")],
    "conflict": [("Joint Task Force", "JTF"), ("Ministry of Defence", "MoD"),
                 ("Regional Stabilisation Mission", "RSM"),
                 ("Office for the Coordination of Humanitarian Affairs", "OCHA")],
    "health": [("World Health Organization", "WHO"),
               ("National Institute of Public Health", "NIPH"),
               ("Centre for Disease Control", "CDC"), ("Medical Relief Volunteers", "MRV")],
    "court": [("Anti-Corruption Commission", "ACC"), ("Supreme Court", "SC"),
              ("Public Prosecution Service", "PPS"), ("Bar Association", "BA")],
}

TEAMS = ["Riverside United", "Northport Rovers", "Atletico Sierra", "Harbour City FC",
         "Valley Wanderers", "Sporting Costa", "Red Star Lakeside", "Union Olimpia",
         "Eastfield Athletic", "Real Montana"]

# --- templates: slots in braces (see Builder.slot) -----------------------------------------

HEADLINES: dict[str, list[str]] = {
    "election": ["{ORG2.acr} claims victory as {COUNTRY} counts votes",
                 "Turnout tops {pct}% in {COUNTRY} election, board says",
                 "{P1.last} concedes after tight race in {CITY}",
                 "Opposition rejects preliminary results in {COUNTRY}"],
    "disaster": ["Floods kill {q} {n:s} in {COUNTRY}, thousands displaced",
                 "Magnitude {mag} earthquake strikes near {CITY}",
                 "Cyclone batters coast of {COUNTRY}; {n:m} homes destroyed",
                 "Wildfires force evacuation of {n:b} residents near {CITY}"],
    "economy": ["{COUNTRY} inflation slows to {pct}% in {MONTH}",
                "Central bank raises rates to {pct}% as currency slides",
                "Stocks in {CITY} fall {pct}% on export worries",
                "{COUNTRY} unemployment rises for third month"],
    "sport": ["{T1} beat {T2} {score} to reach the final",
              "{T2} held to {draw} draw by {T1}",
              "{P1.last} scores twice as {T1} top the table",
              "{T1} sack coach after {n:s} games without a win"],
    "conflict": ["Clashes in {REGION} kill {q} {n:s}, officials say",
                 "{GRP.acr} announces halt to attacks after talks",
                 "Army says it retook {n:s} villages in {REGION}",
                 "Drone strike hits convoy near {CITY}"],
    "health": ["Cholera outbreak spreads to {n:s} districts in {COUNTRY}",
               "{COUNTRY} reports {q} {n:m} new measles cases",
               "Vaccination drive reaches {n:b} children, ministry says",
               "Hospitals in {CITY} overwhelmed as fever cases climb"],
    "court": ["Court sentences former minister to {n:s} years for graft",
              "{P2.last} acquitted of fraud charges in {CITY}",
              "Supreme Court halts {ORG2.acr} probe pending appeal",
              "Trial of {n:s} officials opens in {CITY}"],
}

LEADS: dict[str, list[str]] = {
    "election": [
        "Voters in {COUNTRY} went to the polls on {D0} in a presidential election that "
        "pitted {P1}, {P1.role}, against {P2}, {P2.role}.",
        "The {ORG} said on {WD} that {P1} had won {pct}% of the vote with {q} {n:b} ballots "
        "counted, short of the majority needed to avoid a runoff.",
    ],
    "disaster": [
        "Heavy rain triggered floods and landslides across {COUNTRY} on {D0}, killing {q} "
        "{n:s} people and forcing {q} {n:b} from their homes, the {ORG} said.",
        "An earthquake of magnitude {mag} struck near {CITY} on {D0}, toppling buildings "
        "and killing at least {n:s} people, according to the {ORG}.",
    ],
    "economy": [
        "Consumer prices in {COUNTRY} rose {pct}% in the year to {MONTH}, down from {pct}% "
        "a month earlier, the {ORG} said on {WD}.",
        "The {ORG} raised its benchmark interest rate by {bp} basis points to {pct}% on "
        "{D0}, its {ordinal} increase this year.",
    ],
    "sport": [
        "{T1} beat {T2} {score} on {D0} to move {n:s} points clear at the top of the "
        "league, with {P1} scoring in the {minute}th minute.",
        "{P1} struck twice as {T1} came from behind to beat {T2} {score} in front of "
        "{q} {n:b} fans on {WD}.",
    ],
    "conflict": [
        "Fighters of the {GRP} attacked army positions in {REGION} on {D0}, killing "
        "{q} {n:s} soldiers, {P1}, {P1.role}, told {WIRE}.",
        "The {GRP} said on {WD} it was suspending attacks on government forces in "
        "{REGION}, days after its leaders met mediators in {CITY}.",
    ],
    "health": [
        "Health authorities in {COUNTRY} have recorded {q} {n:b} suspected cholera cases "
        "since {DP}, {P1}, {P1.role}, said on {D0}.",
        "A measles outbreak in {COUNTRY} has infected {q} {n:m} children and killed "
        "{n:s}, the {ORG} said on {WD}.",
    ],
    "court": [
        "A court in {CITY} on {D0} sentenced {P2}, {P2.role}, to {n:s} years in prison "
        "for taking bribes worth {money}.",
        "The trial of {n:s} former officials accused of diverting {money} from public "
        "contracts opened in {CITY} on {WD}, the {ORG} said.",
    ],
}

BODY: dict[str, list[str]] = {
    "election": [
        "Campaigning was marred by violence in {CITY3}, where {q} "
        "{n:s} people were injured at a rally on {DP}.",
        "{P1.last}'s party had promised to hold a "
        "referendum on constitutional reform within {n:s} months.",
        "The {ORG2.acr} said its observers had seen ballot boxes arrive unsealed "
        "at {n:s} stations.",
        "Polls had shown {P2.last} ahead by {q} {n:s} points a week before the vote.",
        "Queues formed outside schools in {CITY} before "
        "dawn, and some voters waited for {n:s} hours.",
        "The electoral roll lists {q} {n:b} registered voters, including {n:b} living abroad.",
        "{P3.last} said the board had acted within the "
        "law but should publish results station by station.",
        "Internet access was restricted in parts of "
        "{CITY2} on election day, a monitoring group said.",
        "Women make up {pct}% of the candidates for parliament, up from {pct}% in {YEAR_PAST}.",
        "The constitution requires a winner to take more than half of the votes cast.",
        "{P1.last}, {P1.age}, is seeking a second term after "
        "a campaign dominated by the cost of living.",
        "Results from {n:s} remote constituencies were still being transported by road on {WD}.",
        "Preliminary results released by the {ORG.acr} showed {P2.last} trailing with "
        "{pct}% of the vote.",
        "Turnout was {pct}%, {q} {n:s} points higher than in the last election.",
        "Observers from the {ORG2} said voting was largely orderly but reported problems "
        "at {q} {n:m} polling stations in {CITY2}.",
        "The next day, supporters of {P2.last} gathered outside the board's offices in "
        "{CITY}, demanding a recount.",
        "{P1.last} has campaigned on promises to cut fuel prices and create {q} {n:b} jobs.",
        "The {ORG.acr} said final results would be announced by {DN}.",
        "Police said {q} {n:s} people were arrested after scuffles in {CITY2} on {WD} night.",
        "Since {SINCE}, the electoral board has received {q} {n:m} formal complaints.",
        "A runoff, if needed, would be held on {DN}.",
        "{P3}, {P3.role}, said the result reflected anger over rising living costs.",
        "More than {n:b} observers were deployed across {n:s} provinces.",
        "The opposition coalition won {n:s} of the {n:m} seats in parliament, according to "
        "the tally.",
        "{P2.last} said {P2.he} would challenge the results in court within {n:s} days.",
        "Two days later, the board ordered a partial recount in {n:s} districts.",
    ],
    "disaster": [
        "Television footage showed collapsed bridges and cars swept into rivers near {CITY}.",
        "The {ORG.acr} said {q} {n:s} schools had been turned into temporary shelters.",
        "Meteorologists said the region received {n:m} millimetres of rain in {n:s} hours.",
        "{P1.last} said the government would release {money} in emergency funds.",
        "Residents of {CITY3} said they had received no warning before the water arrived.",
        "Hospitals in {CITY} treated {q} {n:m} people for injuries, the health ministry said.",
        "The airport in {CITY2} was closed for {n:s} hours after its runway flooded.",
        "Farmers lost {q} {n:b} hectares of crops, according to preliminary estimates.",
        "Volunteers from {n:s} neighbouring provinces joined the search on {D1}.",
        "Scientists have warned that extreme weather events "
        "are becoming more frequent in the region.",
        "{P2.last} said {P2.his} teams had pulled {n:s} survivors from the rubble overnight.",
        "The national weather service issued a red alert for {n:s} coastal districts.",
        "Rescue teams were searching for {q} {n:s} people still missing, {P1.last} said.",
        "The {ORG.acr} said {q} {n:b} homes had been damaged and {n:m} destroyed.",
        "Rain had been falling since {SINCE}, and forecasters warned of more storms "
        "over the weekend.",
        "The next day, the government declared a state of emergency in {n:s} provinces.",
        "Roads to {CITY2} were cut off, leaving about {n:b} residents without food or "
        "clean water.",
        "{P2}, {P2.role}, said shelters in {CITY} were holding {q} {n:b} people.",
        "Aftershocks of up to magnitude {mag} continued through {WD}.",
        "The {ORG2} appealed for {money} to fund relief operations for {n:s} weeks.",
        "It was the deadliest disaster in {COUNTRY} since {YEAR_PAST}, when {q} {n:m} "
        "people died.",
        "Power was restored to {pct}% of households by {D1}, the utility said.",
        "Three days later, the death toll rose to {n:s}.",
        "Army helicopters dropped {n:m} tonnes of supplies to villages around {CITY2}.",
        "{P3}, {P3.role}, said the drainage system had not been upgraded in decades.",
    ],
    "economy": [
        "The {ORG.acr} said core inflation, which excludes food and energy, eased to {pct}%.",
        "Bond yields rose {bp} basis points after the announcement.",
        "{P1.last} told lawmakers on {D1} that the budget deficit would narrow to "
        "{pct}% of output.",
        "Remittances from workers abroad rose {pct}% to {money} in the first quarter.",
        "Manufacturing output fell for a {ordinal} consecutive month, the survey showed.",
        "The {ORG2.acr} said the country needed to broaden its tax base to stabilise its finances.",
        "Retail sales rose {pct}% from a year earlier, beating expectations.",
        "Tourist arrivals climbed to {q} {n:b} in {MONTH}, the tourism ministry said.",
        "{P2.last} said small businesses were struggling to obtain credit at current rates.",
        "The government raised the minimum wage by {pct}% from {DN}.",
        "Shares of the largest lender in {CITY} fell {pct}% after it reported higher bad loans.",
        "Economists at {n:s} banks said they expected one "
        "more rate rise before the end of the year.",
        "Analysts polled by {WIRE} had expected a reading of {pct}%.",
        "Food prices rose {pct}% while transport costs fell {pct}%.",
        "The currency has lost {pct}% of its value against the dollar since {SINCE}.",
        "{P1}, {P1.role}, said the bank was ready to act again if price pressures persisted.",
        "Exports fell to {money} in {MONTH}, the lowest in {n:s} months.",
        "The main stock index in {CITY} closed down {pct}% at {n:b} points.",
        "Unemployment stood at {pct}%, with {q} {n:b} people looking for work.",
        "The {ORG2} forecast growth of {pct}% this year and {pct}% next year.",
        "The government plans to borrow {money} from the {ORG2} to cover the budget gap.",
        "{P3}, {P3.role}, said the figures pointed to a gradual slowdown.",
        "The next meeting of the monetary policy committee is scheduled for {DN}.",
        "Foreign reserves fell by {money} in the first {n:s} weeks of the quarter.",
        "Fuel subsidies cost the state about {money} last year.",
    ],
    "sport": [
        "{T2} had taken the lead after {minute} minutes through a deflected free kick.",
        "The win ended a run of {n:s} matches without a victory against {T2}.",
        "{P1.last}, {P1.age}, joined {T1} from a second-division club {n:s} years ago.",
        "{T1} hit the woodwork twice before the break and had a goal ruled out for offside.",
        "Fans of {T2} booed their team off the pitch at the final whistle.",
        "{P2.last} said {P2.his} players would need to recover quickly before the trip to {CITY2}.",
        "The referee awarded {n:s} penalties in the match, a record for the competition.",
        "{T1}'s goalkeeper made {n:s} saves, including one from a penalty in stoppage time.",
        "Attendance at league matches has risen {pct}% this season, the {ORG.acr} said.",
        "The club said {q} {n:m} season tickets had been sold for next year.",
        "{T2} last won the title in {YEAR_PAST}.",
        "{P3.last} said the federation would review the use of video replays after the match.",
        "{P2} equalised for {T2} just before half-time with a header from a corner.",
        "{T1} have now won {n:s} of their last {n:s} league games.",
        "The match in {CITY} was watched by {q} {n:b} spectators.",
        "{P2.last} was sent off in the {minute}th minute for a second yellow card.",
        "The next day, {T2} confirmed that {P2.last} would miss {n:s} weeks with a "
        "hamstring injury.",
        "{P3}, {P3.role}, said the squad had not lost at home since {SINCE}.",
        "{T1} face {T2} again in the cup on {DN}.",
        "{T2} remain {n:s} points behind with {n:s} games to play.",
        "The {ORG} fined {T2} {money} over crowd trouble in {CITY2} last season.",
        "{P1.last} has scored {n:s} goals in {n:s} appearances this season.",
        "Tickets for the final sold out within {n:s} hours.",
    ],
    "conflict": [
        "Residents of {CITY2} said they heard explosions for {n:s} hours on the night of {DP}.",
        "The {GRP.acr} claimed responsibility for the attack in a statement on social media.",
        "The army said {q} {n:s} of its soldiers had been killed and {n:m} wounded since {DP}.",
        "Mediators from {n:s} countries have been trying to broker a ceasefire since {SINCE}.",
        "{P1.last} said the military would continue operations until the group laid down its arms.",
        "Checkpoints were set up on roads leading out of "
        "{CITY}, and a curfew was imposed from 8 p.m.",
        "The {ORG2.acr} said its convoys had been unable to reach {n:s} villages for {n:s} weeks.",
        "Analysts say the group has between {n:b} and {n:b} fighters.",
        "The government has offered an amnesty to fighters who surrender before {DN}.",
        "Satellite images showed {n:m} buildings destroyed in {REGION}, a research group said.",
        "{P2.last} said the talks in {CITY} had produced an agreement to exchange prisoners.",
        "Schools in {REGION} have been closed since {SINCE} because of the fighting.",
        "The {ORG} said about {n:b} troops were deployed in {REGION} and {n:m} in "
        "the neighbouring {REGION2}.",
        "There have been no attacks on army bases since {SINCE}, compared with more than "
        "{n:s} in the two weeks before, according to the {ORG.acr}.",
        "The next day, the {GRP.acr} announced it was suspending its military operations.",
        "{P2}, {P2.role}, met leaders of the armed group in {CITY} on {D1}, two officials "
        "said.",
        "The fighting has displaced {q} {n:b} people since {DP}, the {ORG2} said.",
        "Government forces said they had retaken {n:s} villages and seized {n:m} weapons.",
        "A drone strike on {D1} killed {n:s} fighters near {CITY2}, the military said.",
        "The {GRP.acr} has been fighting for greater autonomy for {REGION} since "
        "{YEAR_PAST}.",
        "Aid agencies said {q} {n:b} people in {REGION} needed food assistance.",
        "Two days later, a roadside bomb wounded {n:s} soldiers near {CITY2}.",
        "{P3}, {P3.role}, said the truce was fragile and could collapse at any moment.",
        "The {ORG.acr} said it had recorded {n:m} ceasefire violations since {SINCE}.",
    ],
    "health": [
        "The {ORG.acr} said {q} {n:m} patients were being treated in hospital on {D1}.",
        "Doctors said most patients arrived with severe dehydration after days of illness.",
        "The outbreak began in {CITY3} on {DP} and spread along the main road to {CITY}.",
        "The government has allocated {money} to fight the outbreak.",
        "{P1.last} urged people to wash their hands and avoid large gatherings.",
        "Laboratory tests confirmed {n:m} of the suspected cases, the {ORG2.acr} said.",
        "A previous outbreak in {YEAR_PAST} killed {q} {n:m} people.",
        "Pharmacies in {CITY} reported shortages of oral rehydration salts.",
        "{P2.last} said {P2.his} clinic had seen {n:s} times more patients than usual.",
        "The ministry said {pct}% of children in "
        "the affected districts had been vaccinated by {D1}.",
        "Health workers went door to door in {n:s} neighbourhoods to find new cases.",
        "Travellers from affected areas are being screened at {n:s} border crossings.",
        "The {ORG.acr} said {q} {n:s} people had died, most of them children under five.",
        "Cases have been reported in {n:s} of the country's {n:s} provinces.",
        "{P2}, {P2.role}, said hospitals in {CITY} were running out of beds.",
        "The next day, the ministry opened {n:s} treatment centres in {CITY2}.",
        "The {ORG2} sent {n:m} doctors and {q} {n:b} doses of vaccine.",
        "Since {SINCE}, the number of new cases has doubled every {n:s} days.",
        "The outbreak has been linked to contaminated water after floods in {DP_MONTH}.",
        "Schools in {n:s} districts will stay closed until {DN}, officials said.",
        "{P3}, {P3.role}, said vaccination coverage had fallen to {pct}% during the "
        "pandemic.",
        "About {n:b} health workers have been trained to trace contacts.",
        "The case fatality rate stood at {pct}%, above the {pct}% threshold for an "
        "emergency.",
    ],
    "court": [
        "{P2.last}, {P2.age}, served as minister from {YEAR_PAST} until {P2.his} dismissal.",
        "The judges ruled by {n:s} votes to {n:s} that the evidence was admissible.",
        "{P1.last} said the sentence took into account the scale of the losses to the state.",
        "The {ORG.acr} said the case was the largest it had brought since it was founded.",
        "Lawyers for {P2.last} argued that the recordings had been obtained illegally.",
        "{q} {n:m} people followed the hearing through a live broadcast.",
        "A co-defendant received a suspended sentence of {n:s} months.",
        "The court heard that the money was moved through {n:s} shell companies.",
        "The {ORG2.acr} welcomed the ruling but said the law on asset recovery was too weak.",
        "{P2.last} was arrested at {CITY} airport on {DP} as {P2.he} tried to leave the country.",
        "The appeal court is expected to rule on the case by {DN}.",
        "Prosecutors had asked for a sentence of {n:s} years.",
        "Prosecutors said {P2.last} received payments from {n:s} companies between "
        "{DP} and {D0_YEAR}.",
        "{P1}, {P1.role}, said the evidence left no reasonable doubt.",
        "The defence said it would appeal within {n:s} days.",
        "The {ORG} has charged {q} {n:s} officials since {SINCE}.",
        "The next day, the {ORG2} froze assets worth {money} linked to the case.",
        "{P3}, {P3.role}, called the verdict a turning point in the fight against graft.",
        "The court also ordered {P2.last} to repay {money} to the treasury.",
        "Hearings lasted {n:s} months and heard from {q} {n:s} witnesses.",
        "{P2.last} has denied all {n:s} charges.",
        "A second trial involving {n:s} businessmen is due to begin on {DN}.",
        "Two days later, protesters gathered outside the court in {CITY2}.",
    ],
}

QUOTES: dict[str, list[str]] = {
    "election": ["We will respect the will of the people, whatever the result",
                 "These results do not reflect what happened at the polling stations",
                 "Turnout shows that citizens still believe in the ballot",
                 "We have documented irregularities in dozens of districts"],
    "disaster": ["We have never seen water rise this fast",
                 "Our priority is to reach the villages that are still cut off",
                 "Whole neighbourhoods have been washed away",
                 "We need tents, clean water and medicine right now"],
    "economy": ["Inflation is coming down, but it is not yet where we want it to be",
                "The currency is under pressure and we will defend it",
                "Households are still feeling the squeeze",
                "Markets had priced in a bigger move"],
    "sport": ["The players showed real character after going behind",
              "We were not good enough in the first half",
              "This club has waited a long time for a night like this",
              "It is a painful injury but he will be back before the final"],
    "conflict": ["We will not allow these attacks to go unanswered",
                 "Without the talks, there would have been no pause in the fighting",
                 "The situation is calm for now, but nobody trusts it",
                 "Civilians are paying the heaviest price"],
    "health": ["The next two weeks are critical",
               "We are asking every family to boil their drinking water",
               "Our staff are exhausted, and the cases keep coming",
               "Vaccination is the only way to stop this outbreak"],
    "court": ["No one is above the law",
              "My client is innocent and we will prove it on appeal",
              "This verdict sends a clear message to every public official",
              "The investigation is far from over"],
}

GENERIC_BODY = [
    "'{quote},' {PX.last} wrote on social media.",
    "The statement gave no further details.",
    "{PX.last} declined to say when a decision would be made.",
    "An earlier version of events given by officials on {D1} was later corrected.",
    "It was not immediately clear how many people were affected in {CITY3}.",
    "Officials in {CITY} said they would publish updated figures on {DN}.",
    "Two sources familiar with the matter said {PX.last} had been briefed on {D1}.",
    '"{quote}," {PX.last} told {WIRE}.',
    '"{quote}," {PX.last} said in a statement on {WD}.',
    '"{quote}," said {PX.last}, speaking to reporters in {CITY}.',
    '{PX.last} told {WIRE}: "{quote}."',
    '"{quote}," one official who asked not to be named told {WIRE}.',
    "The {ORG.acr} did not respond to a request for comment.",
    "The report could not be independently verified by {WIRE}.",
    "{PX.last} is due to travel to {CITY2} on {DN}, an aide said.",
    "Officials said the figures might change as more information arrived.",
    "The government has faced criticism since {SINCE} over its handling of the situation.",
    "Local media reported that about {n:m} people had attended a meeting in {CITY} on {WD}.",
]

RELATED = ["Read more: {OTHER}", "See also: {OTHER}", "Related: {OTHER}", "Also read: {OTHER}",
           "More from {OUTLET}: {OTHER}"]
CAPTIONS = ["(Photo: {PHOTOG}/{WIRE})", "Photo: Residents of {CITY} on {D0}. ({WIRE})",
            "Caption: A street in {CITY2} on {WD}. (Photo: {PHOTOG})",
            "File photo: A view of {CITY}. ({WIRE}/{PHOTOG})"]
FOOTERS = ["© {YEAR} {OUTLET}. All rights reserved.",
           "Copyright {YEAR} {OUTLET}. This material may not be republished.",
           "Subscribe to our newsletter for daily updates from {COUNTRY}.",
           "Sign up for our morning briefing newsletter.",
           "Reporting by {PHOTOG}; Editing by {EDITOR}",
           "Share this article",
           "Leave a comment"]

TOPICS = list(BODY)
#: Share of files per format; jsonl files hold several articles each.
FORMATS = [("txt", 34), ("txt-plain", 10), ("md", 20), ("json", 14), ("jsonl", 19),
           ("html", 3)]

_SLOT = re.compile(r"\{([A-Za-z0-9_]+)(?:\.([a-z]+)|:([a-z]))?\}")


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}[n]


@dataclass
class Article:
    topic: str
    title: str
    published: date
    outlet: str
    outlet_slug: str
    byline: str
    paragraphs: list[str]
    junk: list[tuple[int, str]] = field(default_factory=list)  # (after paragraph, line)
    footer: list[str] = field(default_factory=list)

    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


class Builder:
    """Fills the templates of one article from a cast drawn for it."""

    def __init__(self, rng: Random, topic: str, published: date) -> None:
        self.rng = rng
        self.topic = topic
        self.published = published
        country = rng.choice(list(COUNTRIES))
        cities = rng.sample(COUNTRIES[country], 3)
        regions = rng.sample(REGIONS, 2)
        roles = rng.sample(TOPIC_PEOPLE[topic], 3)
        names = rng.sample(SURNAMES, 3)
        self.people = []
        for (title, role), last in zip(roles, names, strict=True):
            woman = title in ("Ms.", "Mrs.") or (title != "Mr." and rng.random() < 0.5)
            self.people.append(Person(title, rng.choice(WOMEN if woman else MEN), last, role,
                                      woman))
        self.quotes = rng.sample(QUOTES[topic], len(QUOTES[topic]))
        orgs = rng.sample(TOPIC_ORGS[topic], 2)
        group = rng.choice(ARMED_GROUPS)
        self.orgs = {"ORG": Org(*orgs[0]), "ORG2": Org(*orgs[1]), "GRP": Org(*group)}
        self.mentioned: set[str] = set()
        self.headline_mode = False
        event = published - timedelta(days=rng.randint(1, 9))
        self.dates = {
            "D0": event,
            "D1": event + timedelta(days=rng.randint(1, max(1, (published - event).days))),
            "DN": published + timedelta(days=rng.randint(2, 20)),
            "DP": event - timedelta(days=rng.randint(5, 40)),
            "SINCE": event + timedelta(days=rng.randint(0, (published - event).days)),
        }
        self.british = rng.random() < 0.3
        teams = rng.sample(TEAMS, 2)
        self.fixed: dict[str, str] = {
            "COUNTRY": country, "CITY": cities[0], "CITY2": cities[1], "CITY3": cities[2],
            "REGION": regions[0], "REGION2": regions[1].removeprefix("the "),
            "WIRE": rng.choice(WIRES), "T1": teams[0], "T2": teams[1],
            "YEAR": str(published.year), "WD": WEEKDAYS[event.weekday()],
            "MONTH": MONTHS[(published.month - 2) % 12],
            "DP_MONTH": MONTHS[self.dates["DP"].month - 1],
            "D0_YEAR": f"{MONTHS[event.month - 1]} {event.year}",
            "YEAR_PAST": str(published.year - rng.randint(3, 30)),
            "PHOTOG": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            "EDITOR": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
        }

    # -- slots --------------------------------------------------------------------------

    def fill(self, template: str) -> str:
        return re.sub(r" {2,}", " ", _SLOT.sub(self._slot, template))

    def headline(self, template: str) -> str:
        """A headline: short names, and nobody counts as introduced by it."""
        self.headline_mode = True
        try:
            text = self.fill(template)
        finally:
            self.headline_mode = False
        return text[:1].upper() + text[1:]

    def sentence(self, template: str) -> str:
        text = self.fill(template).strip()
        return text[:1].upper() + text[1:]

    def _slot(self, m: re.Match[str]) -> str:
        name, attr, kind = m.group(1), m.group(2), m.group(3)
        rng = self.rng
        if name in ("P1", "P2", "P3", "PX"):
            person = self.people[rng.randrange(3) if name == "PX" else int(name[1]) - 1]
            return self._person(person, attr)
        if name in self.orgs:
            org = self.orgs[name]
            return self._org(name, org, attr)
        if name in self.dates:
            return self._date(self.dates[name])
        if name == "n":
            return self._number(kind or "s")
        if name == "q":
            return rng.choice(QUALIFIERS)
        if name == "pct":
            return f"{rng.randint(1, 14)}.{rng.randint(0, 9)}"
        if name == "money":
            unit = rng.choice(["million", "billion"])
            cur = rng.choice(["$", "$", "€", "£"])
            return f"{cur}{rng.randint(1, 900) / 10:g} {unit}"
        if name == "mag":
            return f"{rng.randint(45, 79) / 10:.1f}"
        if name == "score":
            a = rng.randint(1, 5)
            return f"{a}-{rng.randint(0, a - 1)}"
        if name == "draw":
            a = rng.randint(0, 3)
            return f"{a}-{a}"
        if name == "minute":
            return str(rng.randint(11, 89))
        if name == "bp":
            return str(rng.choice([25, 50, 75, 100]))
        if name == "ordinal":
            return _ordinal(rng.randint(1, 6))
        if name == "quote":
            return self.quotes.pop() if self.quotes else rng.choice(QUOTES[self.topic])
        return self.fixed[name]

    def _person(self, p: Person, attr: str | None) -> str:
        if attr == "role":
            return p.role
        if attr == "he":
            return "she" if p.woman else "he"
        if attr == "age":
            return str(self.rng.randint(34, 78))
        if attr == "his":
            return "her" if p.woman else "his"
        key = p.last
        if self.headline_mode:
            return p.last
        if key not in self.mentioned:
            self.mentioned.add(key)
            return f"{p.title} {p.first} {p.last}"
        if attr == "last":
            return p.last
        return f"{p.title} {p.last}" if self.rng.random() < 0.5 else p.last

    def _org(self, name: str, org: Org, attr: str | None) -> str:
        if self.headline_mode:
            return org.acronym
        if name not in self.mentioned:
            self.mentioned.add(name)
            return f"{org.name} ({org.acronym})"
        if attr == "acr" or self.rng.random() < 0.5:
            return org.acronym
        return org.name

    def _date(self, d: date) -> str:
        if self.british:
            text = f"{d.day} {MONTHS[d.month - 1]}"
        elif self.rng.random() < 0.3:
            text = f"{MONTH_ABBR[d.month - 1]} {d.day}"
        else:
            text = f"{MONTHS[d.month - 1]} {d.day}"
        if d.year != self.published.year:
            text += f" {d.year}" if self.british else f", {d.year}"
        return text

    def _number(self, kind: str) -> str:
        rng = self.rng
        if kind == "s":
            return str(rng.randint(2, 60))
        if kind == "m":
            return str(rng.randint(60, 990))
        return f"{rng.randint(1, 95) * 100 + rng.choice([0, 0, 50]):,}"


#: The articles' publication days: FIRST_DAY and the DAYS after it, unless told otherwise.
FIRST_DAY, DAYS = date(2023, 1, 1), 900


def make_article(rng: Random, index: int, first_day: date = FIRST_DAY,
                 days: int = DAYS) -> Article:
    """One article: headline, dateline lead, body paragraphs, junk lines, footer, published
    on a day from first_day to days after it."""
    topic = TOPICS[index % len(TOPICS)] if index < len(TOPICS) else rng.choice(TOPICS)
    published = first_day + timedelta(days=rng.randint(0, days))
    b = Builder(rng, topic, published)
    title = b.headline(rng.choice(HEADLINES[topic]))
    outlet, slug = rng.choice(OUTLETS)
    target = rng.randint(300, 700)
    pool = BODY[topic] + GENERIC_BODY
    order = rng.sample(pool, len(pool))
    lead = b.sentence(rng.choice(LEADS[topic]))
    city = b.fixed["CITY"].upper()
    wire = b.fixed["WIRE"]
    dateline = rng.choice([f"{city}, {b._date(published)} ({wire}) - ", f"{city} — ",
                           f"{city}, {b._date(published)} -- ", ""])
    paragraphs = [dateline + lead]
    words = len(paragraphs[0].split())
    while words < target and order:
        sentences = [b.sentence(order.pop()) for _ in range(min(len(order), rng.randint(1, 3)))]
        para = " ".join(sentences)
        paragraphs.append(para)
        words += len(para.split())
    art = Article(topic, title, published, outlet, slug,
                  f"By {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}", paragraphs)
    other = b.headline(rng.choice(HEADLINES[rng.choice(TOPICS)]))
    for tpl in rng.sample(RELATED, rng.randint(0, 2)):
        art.junk.append((rng.randint(1, len(paragraphs) - 1),
                         b.fill(tpl.replace("{OTHER}", other).replace("{OUTLET}", outlet))))
    if rng.random() < 0.6:
        art.junk.append((rng.randint(1, len(paragraphs) - 1), b.fill(rng.choice(CAPTIONS))))
    art.footer = [b.fill(t.replace("{OUTLET}", outlet))
                  for t in rng.sample(FOOTERS, rng.randint(1, 3))]
    return art


# --- rendering ---------------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _url(art: Article, n: int) -> str:
    return f"https://{art.outlet_slug}.example/{art.published:%Y/%m/%d}/{_slug(art.title)}-{n}"


def _body_lines(art: Article) -> list[str]:
    lines: list[str] = []
    for i, para in enumerate(art.paragraphs):
        lines.append(para)
        for after, junk in art.junk:
            if after == i:
                lines.append(junk)
    return lines + art.footer


def _timestamp(art: Article, rng: Random) -> str:
    hh, mm = rng.randint(0, 23), rng.randint(0, 59)
    return rng.choice([
        f"{MONTHS[art.published.month - 1]} {art.published.day}, {art.published.year} "
        f"{hh % 12 or 12}:{mm:02d} {'AM' if hh < 12 else 'PM'} UTC",
        f"Published: {art.published.day} {MONTHS[art.published.month - 1]} "
        f"{art.published.year} {hh:02d}:{mm:02d} GMT",
    ])


def _front_matter(art: Article, n: int) -> str:
    return ("---\n"
            f"url: {_url(art, n)}\n"
            f"outlet: {json.dumps(art.outlet)}\n"
            f"title: {json.dumps(art.title)}\n"
            f"published: {art.published.isoformat()}\n"
            "language: en\n"
            "---\n")


def render_txt(art: Article, n: int, rng: Random) -> str:
    head = [art.title, art.byline] if rng.random() < 0.7 else [art.title]
    return _front_matter(art, n) + "\n\n".join(head + _body_lines(art)) + "\n"


def render_txt_plain(art: Article, n: int, rng: Random) -> str:
    """No metadata: the publication date is only in a timestamp line."""
    return "\n\n".join([art.title, art.byline, _timestamp(art, rng)] + _body_lines(art)) + "\n"


def render_md(art: Article, n: int, rng: Random) -> str:
    lines = [f"# {art.title}", art.byline]
    body = _body_lines(art)
    if len(body) > 6 and rng.random() < 0.5:
        body.insert(len(body) // 2, f"## {rng.choice(['Background', 'What next', 'Reaction'])}")
    lines += [re.sub(r"^(Read more|See also|Related|Also read): (.+)$",
                     lambda m: f"{m.group(1)}: [{m.group(2)}](/{_slug(m.group(2))})", b)
              for b in body]
    fm = _front_matter(art, n) if rng.random() < 0.8 else ""
    return fm + "\n\n".join(lines) + "\n"


def record(art: Article, n: int, rng: Random) -> dict[str, str]:
    text_lines = ([art.title] if rng.random() < 0.5 else []) + _body_lines(art)
    return {"url": _url(art, n), "outlet": art.outlet, "title": art.title,
            "published": art.published.isoformat(), "language": "en",
            "text": "\n\n".join(text_lines)}


def render_html(art: Article, n: int, rng: Random) -> str:
    e = html.escape
    parts = [f"<p>{e(p)}</p>" for p in art.paragraphs]
    for after, junk in sorted(art.junk, reverse=True):
        if junk.startswith(("(Photo", "Photo", "Caption", "File photo")):
            parts.insert(after + 1, f"<figure><img src=\"/img/{n}.jpg\" alt=\"\">"
                         f"<figcaption>{e(junk)}</figcaption></figure>")
    related = "".join(f"<li><a href=\"/r{i}\">{e(j)}</a></li>"
                      for i, (_, j) in enumerate(art.junk) if ":" in j and "Photo" not in j)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(art.title)} | {e(art.outlet)}</title>
<meta property="og:title" content="{e(art.title)}">
<meta property="og:url" content="{e(_url(art, n))}">
<meta property="og:site_name" content="{e(art.outlet)}">
<meta property="article:published_time" content="{art.published.isoformat()}T08:00:00Z">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>{e(art.title)}</h1>
<p class="byline">{e(art.byline)}</p>
{chr(10).join(parts)}
</article>
<aside class="related"><h3>Related</h3><ul>{related}</ul></aside>
<footer>{''.join(f'<p>{e(f)}</p>' for f in art.footer)}</footer>
</body>
</html>
"""


Renderer = Callable[[Article, int, Random], str]
RENDERERS: dict[str, tuple[str, Renderer]] = {
    "txt": ("txt", render_txt), "txt-plain": ("txt", render_txt_plain), "md": ("md", render_md),
    "html": ("html", render_html),
}


def generate(n: int, out_dir: Path, seed: int = 0, first_day: date = FIRST_DAY,
             days: int = DAYS) -> list[Path]:
    """Write n articles into out_dir (created if needed), published from first_day to days
    after it; return the files written, in order.

    The first files cycle through every format so that even a small corpus has each one.
    """
    rng = Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    names, weights = zip(*FORMATS, strict=True)
    paths: list[Path] = []
    written = 0
    while written < n:
        k = len(paths)
        fmt = names[k] if k < len(names) else rng.choices(names, weights)[0]
        count = min(n - written, rng.randint(3, 6) if fmt == "jsonl" else
                    2 if fmt == "json" and rng.random() < 0.2 else 1)
        arts = [make_article(rng, written + i, first_day, days) for i in range(count)]
        topic = arts[0].topic
        if fmt == "jsonl":
            path = out_dir / f"{k:05d}-batch.jsonl"
            body = "".join(json.dumps(record(a, written + i, rng)) + "\n"
                           for i, a in enumerate(arts))
        elif fmt == "json":
            path = out_dir / f"{k:05d}-{topic}.json"
            recs = [record(a, written + i, rng) for i, a in enumerate(arts)]
            body = json.dumps(recs[0] if count == 1 else recs, indent=2) + "\n"
        else:
            ext, render = RENDERERS[fmt]
            path = out_dir / f"{k:05d}-{topic}.{ext}"
            body = render(arts[0], written, rng)
        path.write_text(body, encoding="utf-8")
        paths.append(path)
        written += count
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--first-day", type=date.fromisoformat, default=FIRST_DAY,
                        help=f"first publication day (default {FIRST_DAY})")
    parser.add_argument("--days", type=int, default=DAYS,
                        help=f"publication days after the first (default {DAYS})")
    args = parser.parse_args(argv)
    paths = generate(args.n, args.out_dir, args.seed, args.first_day, args.days)
    print(f"wrote {args.n} articles in {len(paths)} files to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
