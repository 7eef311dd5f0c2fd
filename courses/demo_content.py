"""Text of the demo courses used by the ``seed_demo`` command, written for this project.

Case studies are illustrative composites; the trainers are fictional people."""

from __future__ import annotations

# Course 1: Introduction to Human Security (English, self-paced)

_INTRO_M1_L1 = {
    "slug": "from-state-security-to-human-security",
    "title": "From state security to people's security",
    "minutes": 25,
    "preview": True,
    "body": [
        ("heading", {"text": "Security for whom?", "level": "h2"}),
        (
            "rich_text",
            "<p>For most of the twentieth century, security in international politics meant "
            "<strong>national security</strong>: protecting a state's territory, borders and "
            "institutions from military threats, above all from other states. Armies, alliances "
            "and deterrence were the main instruments, and the state was both the thing to be "
            "protected and the main protector.</p>"
            "<p>The end of the Cold War reduced the fear of war between the great powers, but it "
            "did not make most people safer. In the early 1990s most armed conflicts were fought "
            "inside states rather than between them, and far more people were dying from hunger, "
            "preventable disease, repression and violent crime than from foreign invasion. The "
            "wars that accompanied the break-up of Yugoslavia, and the genocide in Rwanda in "
            "1994, showed with terrible clarity that the security of a state and the security of "
            "the people living in it are not the same thing: state institutions failed to "
            "protect civilians, and in some cases were themselves the source of the danger.</p>",
        ),
        ("heading", {"text": "The 1994 Human Development Report", "level": "h3"}),
        (
            "rich_text",
            "<p>The idea of <em>human security</em> entered mainstream policy debates through "
            "the United Nations Development Programme's <strong>Human Development Report "
            "1994</strong>. The annual report series had been launched in 1990 by the Pakistani "
            "economist Mahbub ul Haq, who was also the driving force behind the 1994 edition. "
            "Its chapter “New dimensions of human security” argued that security had for too "
            "long been interpreted narrowly — as the security of territory from external "
            "aggression, or the protection of national interests in foreign policy — and had "
            "been related more to nation-states than to people.</p>"
            "<p>The report proposed that human security has two main aspects. The first is "
            "safety from chronic threats such as hunger, disease and repression. The second is "
            "protection from sudden and hurtful disruptions in the patterns of daily life, "
            "whether in homes, in jobs or in communities.</p>",
        ),
        (
            "quote",
            {
                "quote": (
                    "Human security is not a concern with weapons — it is a concern with human "
                    "life and dignity."
                ),
                "source": "UNDP, Human Development Report 1994",
            },
        ),
        (
            "key_concept",
            {
                "term": "Human security",
                "explanation": (
                    "<p>An approach to security that takes <strong>people</strong> — individuals "
                    "and their communities — as the main object of protection, rather than only "
                    "the state. It asks two questions: <em>security for whom?</em> and "
                    "<em>security from what?</em> Threats are not limited to armed violence; they "
                    "include anything that seriously endangers people's survival, livelihood and "
                    "dignity.</p>"
                ),
            },
        ),
        ("heading", {"text": "Four characteristics", "level": "h3"}),
        (
            "rich_text",
            "<p>The 1994 report described human security as having four essential "
            "characteristics:</p>"
            "<ul>"
            "<li><strong>Universal</strong> — it is relevant to people everywhere, in rich and "
            "poor countries alike, even if the threats differ in kind and intensity.</li>"
            "<li><strong>Interdependent</strong> — threats such as famine, disease, pollution, "
            "drug trafficking, terrorism and ethnic conflict do not stay within national "
            "borders.</li>"
            "<li><strong>Prevention-oriented</strong> — it is easier to ensure through early "
            "prevention than through later intervention, and prevention is also cheaper.</li>"
            "<li><strong>People-centred</strong> — it is concerned with how people live in a "
            "society, how freely they can make choices, how much access they have to markets and "
            "social opportunities, and whether they live in conflict or in peace.</li>"
            "</ul>",
        ),
        (
            "rich_text",
            "<p>Human security does not make the state irrelevant. States remain the main "
            "duty-bearers for protecting people and their rights. What changes is the "
            "<em>purpose</em> of security: a strong army or police force is not a goal in itself "
            "but a means to an end, and the test of any security policy is whether ordinary "
            "people — including the poorest and most marginalised — are actually safer. This "
            "shift, from the security of the state to the security of people, runs through the "
            "rest of this course.</p>",
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Think of a time when you, your family or your neighbours felt insecure. What "
                    "was the threat — was it military, or something else? Who, if anyone, was "
                    "expected to protect you, and did they?"
                ),
            },
        ),
        (
            "further_reading",
            {
                "items": [
                    {
                        "title": "Human Development Report 1994: New Dimensions of Human Security",
                        "author": "United Nations Development Programme",
                        "year": "1994",
                        "publisher": "Oxford University Press",
                        "url": "",
                    },
                    {
                        "title": "Human Security: Concepts and Implications",
                        "author": "Shahrbanou Tadjbakhsh and Anuradha M. Chenoy",
                        "year": "2007",
                        "publisher": "Routledge",
                        "url": "",
                    },
                ],
            },
        ),
    ],
}

_INTRO_M1_L2 = {
    "slug": "seven-dimensions-of-human-security",
    "title": "The seven dimensions of human security",
    "minutes": 30,
    "preview": False,
    "body": [
        ("heading", {"text": "Seven kinds of threat", "level": "h2"}),
        (
            "rich_text",
            "<p>The 1994 Human Development Report grouped the threats to human security into "
            "seven main categories. The list was never meant to be complete or fixed, but it is "
            "still the most widely used starting point for analysing insecurity in a particular "
            "place.</p>"
            "<ul>"
            "<li><strong>Economic security</strong> — an assured basic income, normally from "
            "productive and fairly paid work or, as a last resort, from a publicly financed "
            "safety net. Threats include unemployment, insecure and informal jobs, and wages "
            "that do not cover basic needs.</li>"
            "<li><strong>Food security</strong> — physical and economic access to basic food at "
            "all times. The report stressed that hunger often results less from a lack of food "
            "than from poor distribution and a lack of purchasing power.</li>"
            "<li><strong>Health security</strong> — protection from disease and unhealthy living "
            "conditions, including access to safe water and to health care.</li>"
            "<li><strong>Environmental security</strong> — a healthy physical environment. "
            "Threats include polluted air and water, degraded land, and disasters whose impact "
            "is made worse by human decisions.</li>"
            "<li><strong>Personal security</strong> — security from physical violence, whether "
            "it comes from the state, from other states, from other groups, from individuals or "
            "gangs, or from within the home. The report explicitly named violence against women "
            "and against children.</li>"
            "<li><strong>Community security</strong> — the security people draw from belonging "
            "to a family, community or ethnic group that gives them identity and support. "
            "Communities can be threatened by tensions with other groups, but traditional "
            "communities can also perpetuate oppressive practices against their own members.</li>"
            "<li><strong>Political security</strong> — living in a society that respects basic "
            "human rights. Threats include political repression, torture, enforced disappearance "
            "and control over ideas and information.</li>"
            "</ul>",
        ),
        (
            "key_concept",
            {
                "term": "Interdependence of threats",
                "explanation": (
                    "<p>The seven dimensions are connected. A factory closure (economic) can push "
                    "people into informal work without health insurance (health), increase "
                    "tension and violence at home (personal) and lead young people to emigrate, "
                    "weakening their communities (community). Responses that deal with only one "
                    "dimension often shift the problem elsewhere. Human security analysis "
                    "therefore looks for the <strong>links</strong> between threats and for "
                    "responses that address several at once.</p>"
                ),
            },
        ),
        (
            "case_study",
            {
                "title": "Composite case: one household, many insecurities",
                "body": (
                    "<p><em>This case is a composite drawn from patterns common across the "
                    "region; it does not describe a real family.</em></p>"
                    "<p>Mirsad and Vesna live with their two teenage children and Vesna's elderly "
                    "mother in a small industrial town. The metal plant where Mirsad worked for "
                    "twenty years closed after a failed privatisation. He now does seasonal "
                    "construction work without a contract, so nothing is paid into his pension. "
                    "Vesna works as a shop assistant; her wage covers food and bills, but not her "
                    "mother's medicines, and specialist appointments are months away unless the "
                    "family pays privately.</p>"
                    "<p>In winter the town is covered in smog from coal-fired heating and an "
                    "ageing power plant. Their son has applied for a work visa abroad, as most of "
                    "his friends already have. Their daughter is harassed on her way home from "
                    "school, but the family does not report it because “nothing would happen”. "
                    "Jobs in the municipality, people say, go to those with the right party "
                    "membership card.</p>"
                    "<p>Nobody in this family faces war or invasion. Yet they are insecure in at "
                    "least five of the seven dimensions at once.</p>"
                ),
            },
        ),
        ("heading", {"text": "Using the seven dimensions as a tool", "level": "h3"}),
        (
            "rich_text",
            "<p>When you use the seven dimensions to analyse a community, three practical points "
            "help:</p>"
            "<ul>"
            "<li><strong>Disaggregate.</strong> Ask how threats differ for women and men, young "
            "and old, majority and minority communities, people with and without disabilities, "
            "and urban and rural residents.</li>"
            "<li><strong>Listen to perceptions as well as data.</strong> Official statistics may "
            "show falling crime while people feel less safe, or the reverse. Both matter: fear "
            "changes how people live, and data can reveal risks that people have come to accept "
            "as normal.</li>"
            "<li><strong>Prioritise with the people affected.</strong> Not every threat can be "
            "tackled at once. The human security approach asks that those who bear the risks "
            "have a say in which ones are addressed first.</li>"
            "</ul>",
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Take your own town or neighbourhood. Using the seven dimensions, list the "
                    "main threats people face. Which two are the most pressing, and for whom? How "
                    "are they connected to each other?"
                ),
            },
        ),
    ],
}

_INTRO_M1_L3 = {
    "slug": "freedom-from-fear-and-want",
    "title": "Freedom from fear, freedom from want, freedom to live in dignity",
    "minutes": 35,
    "preview": False,
    "body": [
        ("heading", {"text": "Older than the concept", "level": "h2"}),
        (
            "rich_text",
            "<p>Human security is often summarised as <strong>freedom from fear</strong> and "
            "<strong>freedom from want</strong>. The phrases are older than the concept. In his "
            "“Four Freedoms” address of January 1941, US President Franklin D. Roosevelt named "
            "freedom of speech, freedom of worship, freedom from want and freedom from fear as "
            "goals for the post-war world. The preamble of the Universal Declaration of Human "
            "Rights (1948) speaks of a world in which human beings shall enjoy “freedom of "
            "speech and belief and freedom from fear and want”. The 1994 Human Development "
            "Report argued that the United Nations had recognised both components from its "
            "beginning, but that over time the first had come to dominate.</p>"
            "<p>After 1994 two emphases developed. A narrower approach, championed by Canada, "
            "Norway and the cross-regional Human Security Network of states formed in 1999, "
            "focused on <em>freedom from fear</em>: protecting civilians in armed conflict, "
            "banning anti-personnel landmines through the 1997 Ottawa Convention, controlling "
            "small arms, ending the use of child soldiers and supporting the International "
            "Criminal Court. A broader approach, associated especially with Japan, gave equal "
            "weight to <em>freedom from want</em> — poverty, disease and economic shocks.</p>",
        ),
        (
            "heading",
            {"text": "From Human Security Now to a UN common understanding", "level": "h2"},
        ),
        (
            "rich_text",
            "<p>The idea of an independent <strong>Commission on Human Security</strong> was "
            "launched at the UN Millennium Summit in 2000 on the initiative of Japan. The "
            "Commission, established in 2001 and co-chaired by Sadako Ogata, a former UN High "
            "Commissioner for Refugees, and the economist Amartya Sen, presented its report "
            "<em>Human Security Now</em> in 2003. It proposed two complementary strategies: "
            "<strong>protection</strong>, through norms, institutions and the rule of law that "
            "shield people from threats, and <strong>empowerment</strong>, which enables people "
            "to develop their capacities and act on their own behalf.</p>",
        ),
        (
            "quote",
            {
                "quote": (
                    "to protect the vital core of all human lives in ways that enhance human "
                    "freedoms and human fulfilment"
                ),
                "source": "Commission on Human Security, Human Security Now (2003)",
            },
        ),
        (
            "rich_text",
            "<p>In his 2005 report <em>In Larger Freedom</em>, Kofi Annan organised his "
            "proposals for UN reform around freedom from want, freedom from fear and a third "
            "element, <strong>freedom to live in dignity</strong>, which stresses the rule of "
            "law, human rights and democracy. In the 2005 World Summit Outcome (paragraph 143), "
            "governments recognised that all individuals, in particular vulnerable people, are "
            "entitled to freedom from fear and freedom from want, and committed themselves to "
            "discussing and defining the notion of human security in the General Assembly.</p>",
        ),
        (
            "key_concept",
            {
                "term": "UN General Assembly resolution 66/290 (2012)",
                "explanation": (
                    "<p>The General Assembly adopted resolution 66/290 by consensus on 10 "
                    "September 2012. It agreed that human security is “an approach to assist "
                    "Member States in identifying and addressing widespread and cross-cutting "
                    "challenges to the survival, livelihood and dignity of their people”, and set "
                    "out a common understanding of the notion.</p>"
                ),
            },
        ),
        (
            "rich_text",
            "<p>According to that common understanding, human security, among other things:</p>"
            "<ul>"
            "<li>includes the right of people to live in freedom and dignity, free from poverty "
            "and despair, with all individuals — in particular vulnerable people — entitled to "
            "freedom from fear and freedom from want;</li>"
            "<li>calls for people-centred, comprehensive, context-specific and "
            "prevention-oriented responses that strengthen the protection and empowerment of all "
            "people;</li>"
            "<li>recognises the interlinkages between peace, development and human rights;</li>"
            "<li>is distinct from the responsibility to protect, does not entail the threat or "
            "use of force or coercive measures, and does not replace state security;</li>"
            "<li>is based on national ownership, with governments retaining the primary role and "
            "responsibility for ensuring the survival, livelihood and dignity of their "
            "citizens.</li>"
            "</ul>",
        ),
        ("heading", {"text": "Critiques", "level": "h3"}),
        (
            "rich_text",
            "<p>The political scientist Roland Paris argued in 2001 that human security was so "
            "broad and vague that it offered little guidance to researchers or to policy-makers "
            "who must set priorities. Others have warned that calling poverty or migration "
            "“security” issues can invite top-down, securitised responses, or that the language "
            "of protection could be used to justify outside intervention — one reason why "
            "resolution 66/290 separates human security from the use of force. For "
            "practitioners, the value of the approach lies less in a precise definition than in "
            "the questions it makes us ask: who is insecure, from what, and who can act?</p>",
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Which matters most in your community today: freedom from fear, freedom from "
                    "want or freedom to live in dignity? Can any one of them be achieved without "
                    "the others?"
                ),
            },
        ),
        (
            "further_reading",
            {
                "items": [
                    {
                        "title": "Human Security Now",
                        "author": "Commission on Human Security",
                        "year": "2003",
                        "publisher": "Commission on Human Security",
                        "url": "",
                    },
                    {
                        "title": (
                            "In Larger Freedom: Towards Development, Security and Human Rights "
                            "for All (A/59/2005)"
                        ),
                        "author": "Kofi Annan, UN Secretary-General",
                        "year": "2005",
                        "publisher": "United Nations",
                        "url": "https://undocs.org/A/59/2005",
                    },
                    {
                        "title": (
                            "Resolution 66/290: Follow-up to paragraph 143 on human security of "
                            "the 2005 World Summit Outcome"
                        ),
                        "author": "UN General Assembly",
                        "year": "2012",
                        "publisher": "United Nations",
                        "url": "https://undocs.org/A/RES/66/290",
                    },
                    {
                        "title": (
                            "Human Security: Paradigm Shift or Hot Air? (International Security, "
                            "vol. 26, no. 2)"
                        ),
                        "author": "Roland Paris",
                        "year": "2001",
                        "publisher": "MIT Press",
                        "url": "",
                    },
                ],
            },
        ),
    ],
}

_INTRO_M2_L1 = {
    "slug": "organised-crime-and-state-capture",
    "title": "Organised crime, illicit economies and state capture",
    "minutes": 30,
    "preview": False,
    "body": [
        ("heading", {"text": "A region at a crossroads", "level": "h2"}),
        (
            "rich_text",
            "<p>The countries covered by this course lie between major drug-producing and "
            "transit regions and the large consumer markets of Western and Central Europe. For "
            "decades the so-called <strong>Balkan route</strong> has been a main corridor for "
            "heroin moving from Afghanistan through Iran and Turkey towards Western Europe. "
            "European law-enforcement assessments have also identified criminal networks with "
            "roots in the Western Balkans as significant players in trafficking cocaine from "
            "South America to European ports.</p>"
            "<p>Drugs are only part of the picture. The region has been a route for "
            "<strong>migrant smuggling</strong>, especially in 2015 and 2016, when hundreds of "
            "thousands of refugees and migrants, many fleeing the war in Syria, travelled from "
            "Turkey through Greece and the Western Balkans; after the route was officially "
            "closed in early 2016, more people became dependent on smugglers. The region also "
            "faces <strong>trafficking in human beings</strong> for sexual and labour "
            "exploitation, the smuggling of cigarettes and other excise goods, and illicit trade "
            "in small arms, some of them left over from the wars of the 1990s.</p>",
        ),
        (
            "key_concept",
            {
                "term": "Illicit economy",
                "explanation": (
                    "<p>The production of and trade in goods and services that are illegal, such "
                    "as drugs, or in legal goods traded illegally to avoid taxes and controls, "
                    "such as cigarettes or fuel. Illicit economies range from large transnational "
                    "networks to small-scale cross-border smuggling on which poor border "
                    "communities may depend. A human security lens asks who profits, who is "
                    "harmed and why people become involved.</p>"
                ),
            },
        ),
        (
            "key_concept",
            {
                "term": "State capture",
                "explanation": (
                    "<p>A situation in which private or criminal interests shape laws, public "
                    "appointments, public procurement and the work of police, prosecutors and "
                    "courts for their own benefit. Unlike occasional bribery, state capture bends "
                    "the rules themselves, so that corruption becomes systemic.</p>"
                ),
            },
        ),
        (
            "quote",
            {
                "quote": (
                    "Today, the countries show clear elements of state capture, including links "
                    "with organised crime and corruption at all levels of government and "
                    "administration, as well as a strong entanglement of public and private "
                    "interests."
                ),
                "source": (
                    "European Commission, A credible enlargement perspective for and enhanced EU "
                    "engagement with the Western Balkans (February 2018)"
                ),
            },
        ),
        ("heading", {"text": "Why organised crime is a human security issue", "level": "h3"}),
        (
            "rich_text",
            "<p>Organised crime is often discussed as a matter of police statistics or border "
            "control. Its effects on ordinary people, however, reach into almost every dimension "
            "of human security:</p>"
            "<ul>"
            "<li><strong>Personal security:</strong> violent feuds between criminal groups have "
            "led to shootings and bombings in public places, endangering bystanders.</li>"
            "<li><strong>Economic security:</strong> corruption in procurement and privatisation "
            "diverts public money from hospitals, schools and roads, and honest businesses "
            "cannot compete.</li>"
            "<li><strong>Political security:</strong> journalists, whistle-blowers and activists "
            "who expose links between crime and politics face threats, abusive lawsuits and "
            "smear campaigns.</li>"
            "<li><strong>Community security:</strong> when people believe that connections "
            "matter more than the law, trust in institutions and in each other erodes — one of "
            "the reasons many young people give for leaving.</li>"
            "</ul>"
            "<p>These problems are not confined to countries outside the European Union. When "
            "Bulgaria joined the EU in 2007, it was placed under a special Cooperation and "
            "Verification Mechanism to monitor its progress on judicial reform, corruption and "
            "organised crime.</p>",
        ),
        (
            "case_study",
            {
                "title": "Composite case: the harbour town",
                "body": (
                    "<p><em>An illustrative composite; the town and the people are "
                    "fictional.</em></p>"
                    "<p>In a small harbour town, a handful of companies win most municipal "
                    "contracts, from road repairs to waste collection. Several of their owners "
                    "are relatives of local officials. New hotels appear on land that was "
                    "supposed to be protected. A local journalist who publishes documents about a "
                    "road tender finds her car tyres slashed and is then sued for defamation by "
                    "one of the companies. Most residents say that “everyone knows” what is going "
                    "on, but few are willing to speak publicly; many depend on the same companies "
                    "for seasonal work.</p>"
                    "<p>Which dimensions of human security are affected here, and for whom? What "
                    "would make it safer for residents to speak out?</p>"
                ),
            },
        ),
        (
            "rich_text",
            "<p>Effective responses go beyond arrests. They include independent prosecutors and "
            "courts, the confiscation of criminal assets (and, in some countries, their reuse "
            "for social purposes), transparent public procurement, protection for "
            "whistle-blowers and journalists, cooperation between police and judicial "
            "authorities across borders, and prevention work with young people in communities "
            "where recruitment into crime is a real risk.</p>",
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Where do you see the effects of illicit economies or corruption in your own "
                    "surroundings, even in small ways? Who benefits, who pays the price, and what "
                    "keeps people silent?"
                ),
            },
        ),
        (
            "further_reading",
            {
                "items": [
                    {
                        "title": (
                            "A credible enlargement perspective for and enhanced EU engagement "
                            "with the Western Balkans (COM(2018) 65)"
                        ),
                        "author": "European Commission",
                        "year": "2018",
                        "publisher": "European Commission",
                        "url": "",
                    },
                    {
                        "title": "Crime and its impact on the Balkans and affected countries",
                        "author": "United Nations Office on Drugs and Crime",
                        "year": "2008",
                        "publisher": "UNODC",
                        "url": "",
                    },
                ],
            },
        ),
    ],
}

_INTRO_M2_L2 = {
    "slug": "economic-insecurity-and-emigration",
    "title": "Economic insecurity and the emigration of young people",
    "minutes": 30,
    "preview": False,
    "body": [
        ("heading", {"text": "When leaving becomes a security strategy", "level": "h2"}),
        (
            "rich_text",
            "<p>Across the region, one of the most visible responses to insecurity is neither "
            "protest nor violence, but departure. Since 1990, emigration — together with low "
            "birth rates — has reshaped the population of the countries covered by this "
            "course:</p>"
            "<ul>"
            "<li>Bulgaria's population fell from almost nine million at the end of the 1980s to "
            "about 6.5 million at the 2021 census.</li>"
            "<li>Bosnia and Herzegovina counted about 3.5 million inhabitants in its 2013 "
            "census, compared with some 4.4 million in 1991 — a decline caused by war, "
            "displacement and emigration.</li>"
            "<li>Serbia's 2022 census recorded about 6.6 million people, roughly half a million "
            "fewer than in 2011.</li>"
            "</ul>"
            "<p>Those who leave are disproportionately young and often well educated. Doctors, "
            "nurses, engineers and skilled workers have moved to Germany, Austria, Slovenia and "
            "other EU countries, some of them through schemes designed to recruit them, such as "
            "the German labour-migration rules for citizens of the Western Balkans in place "
            "since 2016. In Turkey, too, the emigration of young graduates has become a matter "
            "of public concern.</p>",
        ),
        ("heading", {"text": "Why do people leave?", "level": "h3"}),
        (
            "rich_text",
            "<p>Unemployment and low wages are part of the explanation. Youth unemployment and "
            "the share of young people who are neither in employment nor in education or "
            "training are among the highest in Europe, and many jobs are temporary or informal. "
            "High inflation in recent years has eroded wages, notably in Turkey. But surveys of "
            "young people in the region consistently show that the reasons go beyond income: "
            "they mention corruption and nepotism, the feeling that jobs depend on political "
            "connections, poor public services, polluted air and a lack of prospects for their "
            "children. Emigration, in other words, is often a response to insecurity in several "
            "dimensions at once.</p>",
        ),
        (
            "key_concept",
            {
                "term": "Brain drain and care drain",
                "explanation": (
                    "<p><strong>Brain drain</strong> is the emigration of educated and skilled "
                    "people, which can weaken the economy and public institutions of the country "
                    "they leave. <strong>Care drain</strong> refers in particular to the "
                    "departure of doctors, nurses and carers. It can leave rural hospitals "
                    "understaffed and elderly parents without family support, so that one "
                    "family's economic strategy becomes a health and community insecurity for "
                    "those who stay.</p>"
                ),
            },
        ),
        (
            "case_study",
            {
                "title": "Composite case: the nurse's decision",
                "body": (
                    "<p><em>A composite case based on common experiences; not a real "
                    "person.</em></p>"
                    "<p>Amina is a 29-year-old nurse in a regional hospital. Her ward is "
                    "short-staffed because three colleagues left for Germany last year, so she "
                    "regularly works double shifts. Her salary is enough to live with her parents "
                    "but not to rent a flat. A recruitment agency offers her a language course, a "
                    "contract and accommodation abroad. Her father is ill and would like her to "
                    "stay; the head of the ward tells her the team cannot cope with another "
                    "departure. Whatever she decides, someone will be less secure.</p>"
                    "<p>What would have to change — at the hospital, in the town, in national "
                    "policy — for staying to be a real choice?</p>"
                ),
            },
        ),
        ("heading", {"text": "A human security response", "level": "h3"}),
        (
            "rich_text",
            "<p>From a human security perspective, the aim is not to stop people moving. Freedom "
            "of movement is a right, and migration brings remittances, skills and contacts. The "
            "aim is to make staying, leaving and returning genuine choices. That requires decent "
            "and fairly paid work, transparent recruitment in the public sector, good public "
            "services, recognition of qualifications gained abroad, and the real participation "
            "of young people in decisions that affect them.</p>"
            "<p>Economic insecurity also shapes the lives of people who have arrived in the "
            "region. Turkey hosts one of the largest refugee populations in the world, most of "
            "them Syrians under temporary protection. Their security depends on access to legal "
            "work, education and health care, and on preventing tensions with host communities "
            "when times are hard for everyone.</p>",
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Think of people you know who have left the country or are planning to leave. "
                    "What were their main reasons? Which of these reasons could local or national "
                    "institutions realistically address?"
                ),
            },
        ),
    ],
}

_INTRO_M2_L3 = {
    "slug": "police-accountability-and-everyday-insecurity",
    "title": "Police, accountability and everyday insecurities",
    "minutes": 30,
    "preview": False,
    "body": [
        ("heading", {"text": "The most visible face of the state", "level": "h2"}),
        (
            "rich_text",
            "<p>For most people, the security sector is not an army or an intelligence agency "
            "but the police officer at a traffic stop, the duty desk where a theft or domestic "
            "violence is reported, or the line of officers at a protest. How police behave in "
            "these moments shapes whether people feel protected by the state or threatened by "
            "it.</p>"
            "<p>Since the 1990s, police in the region have gone through repeated reforms, often "
            "with international support: new laws, codes of ethics, training, the recruitment of "
            "women and of members of minority communities, and community policing programmes. "
            "The aim has been to turn forces that once protected regimes, or were drawn into "
            "wars, into services accountable to the law and to the public. The results are real "
            "but uneven.</p>",
        ),
        (
            "key_concept",
            {
                "term": "Democratic policing",
                "explanation": (
                    "<p>Policing that serves the public rather than a ruling party or group. Its "
                    "core principles, set out for example in the OSCE <em>Guidebook on Democratic "
                    "Policing</em>, include upholding the rule of law, respecting human rights, "
                    "accountability to the law and to the public, transparency, responsiveness to "
                    "community needs, and a police service that reflects the diversity of the "
                    "population it serves.</p>"
                ),
            },
        ),
        (
            "rich_text",
            "<p>International monitoring bodies continue to raise concerns. The Council of "
            "Europe's Committee for the Prevention of Torture (CPT), which visits places of "
            "detention, has repeatedly received allegations of physical ill-treatment by police "
            "in several countries of the region, most often at the time of arrest or during "
            "questioning. The European Court of Human Rights has found violations of the "
            "prohibition of torture and inhuman or degrading treatment in cases from the region, "
            "including for failures to investigate such allegations effectively. The policing of "
            "demonstrations is another recurring issue: the response to the Gezi Park protests "
            "in Turkey in 2013, for instance, drew widespread criticism for excessive use of "
            "force, including tear gas and water cannon.</p>",
        ),
        ("heading", {"text": "Everyday insecurities", "level": "h3"}),
        (
            "rich_text",
            "<p>Police accountability is not only about dramatic cases. Everyday insecurity "
            "includes:</p>"
            "<ul>"
            "<li>domestic violence and femicide, and victims' fear that reporting will not lead "
            "to protection;</li>"
            "<li>harassment of women and girls in public spaces and online;</li>"
            "<li>hate-motivated incidents against Roma, LGBTI people, religious and ethnic "
            "minorities, refugees and migrants;</li>"
            "<li>petty corruption, such as requests for bribes during traffic controls;</li>"
            "<li>unsafe roads and neglected public spaces.</li>"
            "</ul>"
            "<p>The Council of Europe Convention on preventing and combating violence against "
            "women and domestic violence — the <em>Istanbul Convention</em>, opened for "
            "signature in 2011 — shows how contested these issues can be. Bosnia and "
            "Herzegovina, Montenegro and Serbia have ratified it. Turkey was the first state to "
            "ratify it but withdrew in 2021, and in 2018 Bulgaria's Constitutional Court found "
            "it incompatible with the Bulgarian constitution.</p>",
        ),
        (
            "case_study",
            {
                "title": "Composite case: reporting domestic violence in a small town",
                "body": (
                    "<p><em>An illustrative composite; not a real case.</em></p>"
                    "<p>After years of abuse, Ana goes to the local police station to report her "
                    "husband. The duty officer knows him from the football club and suggests that "
                    "the couple “sort it out at home”. Nothing is recorded. Two years later, "
                    "after a training programme and a new cooperation protocol between the "
                    "police, the social work centre, the prosecutor's office and a women's "
                    "shelter, another woman from the same town is received by a specially trained "
                    "officer. A risk assessment is carried out, an emergency protection order is "
                    "requested and she is referred to the shelter within a day.</p>"
                    "<p>What changed between the two cases were procedures, training and "
                    "supervision — and the knowledge that failing to act would have "
                    "consequences.</p>"
                ),
            },
        ),
        (
            "rich_text",
            "<p>Accountability works through several layers: internal control units within the "
            "police; the responsible ministry; parliamentary committees; prosecutors and courts; "
            "independent bodies such as ombudsperson institutions, several of which also act as "
            "national preventive mechanisms against torture under the Optional Protocol to the "
            "UN Convention against Torture; and civil society and the media. Trust grows when "
            "complaints lead to visible consequences, and erodes quickly when they do not. The "
            "course <em>Dobro upravljanje i odgovornost policije</em> on this platform looks at "
            "these mechanisms in more detail.</p>",
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Would you, or people in your community, report a crime or a case of police "
                    "misconduct? Why or why not? What would increase people's confidence that a "
                    "complaint will be taken seriously?"
                ),
            },
        ),
        (
            "further_reading",
            {
                "items": [
                    {
                        "title": "Guidebook on Democratic Policing (2nd edition)",
                        "author": "Senior Police Adviser to the OSCE Secretary General",
                        "year": "2008",
                        "publisher": "Organization for Security and Co-operation in Europe",
                        "url": "",
                    },
                    {
                        "title": "Handbook on Police Accountability, Oversight and Integrity",
                        "author": "United Nations Office on Drugs and Crime",
                        "year": "2011",
                        "publisher": "United Nations",
                        "url": "",
                    },
                    {
                        "title": "The European Code of Police Ethics: Recommendation Rec(2001)10",
                        "author": "Committee of Ministers of the Council of Europe",
                        "year": "2001",
                        "publisher": "Council of Europe",
                        "url": "",
                    },
                ],
            },
        ),
    ],
}

_INTRO_M3_L1 = {
    "slug": "reconciliation-and-dealing-with-the-past",
    "title": "Reconciliation and dealing with the past",
    "minutes": 35,
    "preview": False,
    "body": [
        ("heading", {"text": "Legacies that still shape security", "level": "h2"}),
        (
            "rich_text",
            "<p>The wars of the 1990s in the former Yugoslavia left deep wounds. In Bosnia and "
            "Herzegovina alone, around 100,000 people were killed and more than two million — "
            "about half of the pre-war population — were forced from their homes. The killing of "
            "more than 8,000 Bosniak men and boys at Srebrenica in July 1995 has been found to "
            "constitute genocide by both the International Criminal Tribunal for the former "
            "Yugoslavia (ICTY) and the International Court of Justice. In Kosovo, the 1998-1999 "
            "war cost some 13,000 lives. Thousands of families across the region are still "
            "searching for missing relatives.</p>"
            "<p>Other countries covered by this course have their own difficult pasts. In "
            "Bulgaria, the forced assimilation campaign against the Turkish minority in the "
            "1980s culminated in 1989 in the departure of more than 300,000 people to Turkey. In "
            "Turkey, the armed conflict in the south-east, which began in the 1980s, has cost "
            "tens of thousands of lives. Left unaddressed, such legacies feed mistrust, fear and "
            "political mobilisation along ethnic lines — threats to community and personal "
            "security long after the fighting has stopped.</p>",
        ),
        (
            "key_concept",
            {
                "term": "Transitional justice",
                "explanation": (
                    "<p>The processes through which a society tries to come to terms with a "
                    "legacy of large-scale abuses, in order to ensure accountability, serve "
                    "justice and achieve reconciliation — often called <em>dealing with the "
                    "past</em>. It is usually described through four pillars: "
                    "<strong>truth</strong>, <strong>justice</strong>, "
                    "<strong>reparation</strong> and <strong>guarantees of "
                    "non-recurrence</strong>. Since 2011 these have also been the subject of a "
                    "dedicated UN Special Rapporteur mandate.</p>"
                ),
            },
        ),
        (
            "rich_text",
            "<p>The region has seen many efforts to deal with the past:</p>"
            "<ul>"
            "<li>the ICTY, established by the UN Security Council in 1993, indicted 161 people "
            "before it closed at the end of 2017; its remaining functions passed to the "
            "International Residual Mechanism for Criminal Tribunals;</li>"
            "<li>domestic war crimes prosecutions, including by specialised courts and "
            "prosecutors' offices;</li>"
            "<li>the search for missing persons and their identification through DNA "
            "analysis;</li>"
            "<li>civil-society documentation of victims by name, regardless of their "
            "ethnicity;</li>"
            "<li>a regional civil-society initiative calling on governments to set up a joint "
            "commission to establish the facts about war crimes and victims across the former "
            "Yugoslavia;</li>"
            "<li>the Regional Youth Cooperation Office (RYCO), set up by the six Western Balkan "
            "governments in 2016 to support exchanges among young people.</li>"
            "</ul>"
            "<p>Obstacles remain: denial of established crimes, the glorification of convicted "
            "war criminals, school curricula that teach separate national narratives and, in "
            "parts of Bosnia and Herzegovina, “two schools under one roof”, where children from "
            "different communities are taught separately in the same building.</p>",
        ),
        (
            "quote",
            {
                "quote": (
                    "Reconciliation is a process through which a society moves from a divided "
                    "past to a shared future."
                ),
                "source": (
                    "David Bloomfield, Teresa Barnes and Luc Huyse (eds.), Reconciliation After "
                    "Violent Conflict: A Handbook (International IDEA, 2003)"
                ),
            },
        ),
        ("heading", {"text": "Dialogue between communities", "level": "h3"}),
        (
            "rich_text",
            "<p>Reconciliation cannot be decreed by governments; it is built in relationships "
            "between people. Research on intergroup contact, going back to Gordon Allport's "
            "<em>The Nature of Prejudice</em> (1954), suggests that contact reduces prejudice "
            "most when participants have equal status, share common goals, cooperate rather than "
            "compete, and are supported by authorities and social norms. Good dialogue work "
            "therefore does not ask people to forget, or to agree on everything. It creates safe "
            "spaces where they can hear each other's experiences, acknowledge the suffering of "
            "others without denying their own, and distinguish individual criminal "
            "responsibility from collective guilt.</p>",
        ),
        (
            "case_study",
            {
                "title": "Composite case: names on a wall",
                "body": (
                    "<p><em>An illustrative composite; the town and the people are "
                    "fictional.</em></p>"
                    "<p>In a town where two communities commemorate their wartime dead "
                    "separately, on different dates and at different monuments, a group of "
                    "secondary-school students from both communities spends a year collecting the "
                    "names of all the civilians from the municipality who were killed in the war. "
                    "With help from a local association of families of the missing, they "
                    "interview relatives on all sides. Some parents object, and a local "
                    "politician accuses the project of “equating victims and perpetrators”. The "
                    "students answer by presenting each life together with the established facts "
                    "of how it ended, without assigning collective blame. Their exhibition is "
                    "shown in both communities' cultural centres, and several families meet "
                    "relatives of people killed on the “other” side for the first time.</p>"
                ),
            },
        ),
        (
            "reflection",
            {
                "prompt": (
                    "What stories about the past are told in your family and community? Whose "
                    "experiences are missing from them? What would it take for you to listen to a "
                    "story from “the other side”?"
                ),
            },
        ),
        (
            "further_reading",
            {
                "items": [
                    {
                        "title": "Reconciliation After Violent Conflict: A Handbook",
                        "author": "David Bloomfield, Teresa Barnes and Luc Huyse (eds.)",
                        "year": "2003",
                        "publisher": "International IDEA",
                        "url": "",
                    },
                    {
                        "title": "Building Peace: Sustainable Reconciliation in Divided Societies",
                        "author": "John Paul Lederach",
                        "year": "1997",
                        "publisher": "United States Institute of Peace Press",
                        "url": "",
                    },
                ],
            },
        ),
    ],
}

_INTRO_M3_L2 = {
    "slug": "social-inclusion",
    "title": "Social inclusion: leaving no one outside",
    "minutes": 30,
    "preview": False,
    "body": [
        ("heading", {"text": "Who is left outside?", "level": "h2"}),
        (
            "rich_text",
            "<p>The human security approach pays special attention to people who are most "
            "exposed to threats and least able to cope with them. In every country of the "
            "region, some groups are pushed to the margins — not by a single decision, but by a "
            "combination of poverty, discrimination, distance from institutions and lack of "
            "voice. Their insecurity is often invisible in national averages.</p>",
        ),
        (
            "key_concept",
            {
                "term": "Social inclusion",
                "explanation": (
                    "<p>The process of improving the terms on which individuals and groups take "
                    "part in society — their access to rights, services, resources and "
                    "decision-making — and of enhancing the ability, opportunity and dignity of "
                    "those who are disadvantaged because of their identity. Inclusion is not "
                    "charity: it means changing institutions and attitudes so that everyone can "
                    "exercise their rights.</p>"
                ),
            },
        ),
        (
            "rich_text",
            "<ul>"
            "<li><strong>Roma</strong> face antigypsyism and discrimination in employment, "
            "housing, education and health care. Many live in informal settlements without "
            "secure tenure or basic infrastructure; Roma children are still too often placed in "
            "segregated classes or special schools; and some people lack birth certificates or "
            "identity documents, which shuts them out of almost all services. Frameworks such as "
            "the Decade of Roma Inclusion (2005-2015), the EU Roma strategic framework for "
            "2020-2030 and the 2019 Poznań Declaration of the Western Balkan partners set goals, "
            "but implementation has been slow.</li>"
            "<li><strong>People with disabilities</strong> face inaccessible buildings and "
            "transport, exclusion from mainstream schools and jobs and, for some, life in large "
            "residential institutions. The UN Convention on the Rights of Persons with "
            "Disabilities (2006) requires a shift from a medical, charity-based view of "
            "disability to one based on rights, participation and independent living.</li>"
            "<li><strong>Returnees</strong> include refugees and displaced persons who went back "
            "to their pre-war homes, often as a minority in their municipality — for example "
            "under Annex 7 of the 1995 Dayton Peace Agreement in Bosnia and Herzegovina — and "
            "people sent back from Western European countries after years abroad, including "
            "children who barely speak the local language.</li>"
            "<li><strong>Young people</strong>, particularly those not in education, employment "
            "or training, are often excluded from decisions that shape their future, which feeds "
            "emigration and disengagement.</li>"
            "</ul>"
            "<p>Others at risk of exclusion include LGBTI people, older people in depopulated "
            "villages, and refugees and migrants.</p>",
        ),
        (
            "case_study",
            {
                "title": "Composite case: the missing birth certificate",
                "body": (
                    "<p><em>A composite case based on situations common across the region; not a "
                    "real family.</em></p>"
                    "<p>Seven-year-old Denis was born at home in an informal Roma settlement. His "
                    "mother had no identity card herself, so his birth was never registered. "
                    "Without a birth certificate he cannot enrol in school or be covered by "
                    "health insurance, and the family receives no child allowance. A community "
                    "paralegal from a local organisation first helps his mother obtain her own "
                    "documents, then works with the civil registry and the social work centre to "
                    "register Denis's birth. The municipality agrees to send registry staff to "
                    "the settlement once a month. A year later Denis is in first grade, and "
                    "several other families in the settlement have sorted out their documents.</p>"
                ),
            },
        ),
        ("heading", {"text": "Principles for inclusive work", "level": "h3"}),
        (
            "rich_text",
            "<ul>"
            "<li><strong>“Nothing about us without us.”</strong> This slogan of the disability "
            "rights movement applies to all marginalised groups: the people affected must take "
            "part in designing solutions.</li>"
            "<li><strong>Look at overlaps.</strong> Disadvantages reinforce each other: a Roma "
            "woman with a disability in a rural settlement faces barriers that are different "
            "from, and greater than, those faced by Roma, by women or by people with "
            "disabilities considered separately.</li>"
            "<li><strong>Count who is missing.</strong> Data broken down by sex, age, ethnicity "
            "and disability, collected with consent and safeguards, makes exclusion visible.</li>"
            "<li><strong>Mainstream rather than separate.</strong> The goal is equal access to "
            "regular schools, services and jobs, not permanent parallel systems.</li>"
            "<li><strong>Tackle discrimination, not only poverty.</strong> Material support does "
            "not help much if institutions continue to treat people as second-class.</li>"
            "</ul>",
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Which groups in your community are least visible in public life? When did "
                    "you last hear their views directly? What is one step your organisation could "
                    "take to include them?"
                ),
            },
        ),
        (
            "further_reading",
            {
                "items": [
                    {
                        "title": "Convention on the Rights of Persons with Disabilities",
                        "author": "United Nations General Assembly",
                        "year": "2006",
                        "publisher": "United Nations",
                        "url": "",
                    },
                    {
                        "title": (
                            "A Union of Equality: EU Roma strategic framework for equality, "
                            "inclusion and participation (COM(2020) 620)"
                        ),
                        "author": "European Commission",
                        "year": "2020",
                        "publisher": "European Commission",
                        "url": "",
                    },
                    {
                        "title": "Inclusion Matters: The Foundation for Shared Prosperity",
                        "author": "World Bank",
                        "year": "2013",
                        "publisher": "World Bank",
                        "url": "",
                    },
                ],
            },
        ),
    ],
}

_INTRO_M3_L3 = {
    "slug": "good-governance-and-civic-action",
    "title": "Good governance, civic oversight and what you can do",
    "minutes": 35,
    "preview": False,
    "body": [
        ("heading", {"text": "Governance that serves people", "level": "h2"}),
        (
            "rich_text",
            "<p>Many of the threats examined in this course — from organised crime to police "
            "abuse and exclusion — come back to how public power is exercised. <strong>Good "
            "governance</strong> is shorthand for institutions that make and implement decisions "
            "in the public interest. A widely used UN description, from the Economic and Social "
            "Commission for Asia and the Pacific, lists eight characteristics: good governance "
            "is participatory, consensus-oriented, accountable, transparent, responsive, "
            "effective and efficient, equitable and inclusive, and it follows the rule of law. "
            "The Council of Europe's 12 Principles of Good Democratic Governance set out similar "
            "standards for local authorities.</p>",
        ),
        (
            "key_concept",
            {
                "term": "Civic oversight",
                "explanation": (
                    "<p>The monitoring of public institutions by citizens, civil-society "
                    "organisations, independent media and researchers in order to hold them to "
                    "account. It complements formal oversight by parliaments, courts, audit "
                    "institutions and ombudspersons, and often prompts them to act. It is most "
                    "effective when it is based on evidence, persistent and non-partisan, and "
                    "combined with constructive proposals.</p>"
                ),
            },
        ),
        (
            "rich_text",
            "<p>Citizens and organisations across the region already use a range of tools:</p>"
            "<ul>"
            "<li><strong>freedom of information requests</strong> to obtain budgets, contracts, "
            "statistics and decisions — all the countries covered by this course have "
            "access-to-information laws, although their implementation varies;</li>"
            "<li><strong>budget and procurement monitoring</strong>, comparing what was "
            "promised, contracted and delivered;</li>"
            "<li><strong>public consultations and hearings</strong> on draft laws, plans and "
            "municipal budgets;</li>"
            "<li><strong>local community councils</strong>, such as the <em>mjesne "
            "zajednice</em> or <em>mesne zajednice</em> of the former Yugoslav countries, and "
            "youth councils;</li>"
            "<li><strong>complaints</strong> to ombudsperson institutions and equality "
            "bodies;</li>"
            "<li><strong>shadow reports</strong> to UN treaty bodies, Council of Europe "
            "monitoring mechanisms and the European Commission's annual enlargement reports.</li>"
            "</ul>",
        ),
        ("heading", {"text": "What you can do in your community", "level": "h2"}),
        (
            "rich_text",
            "<p>A human security initiative does not need to be large. A practical sequence "
            "might look like this:</p>"
            "<ol>"
            "<li><strong>Listen.</strong> Organise conversations, small surveys or safety walks "
            "with residents — including those who are rarely heard — and map insecurities using "
            "the seven dimensions.</li>"
            "<li><strong>Choose one problem</strong> that matters to many people and that can "
            "realistically be improved.</li>"
            "<li><strong>Map responsibilities.</strong> Which institution is legally "
            "responsible? Who else has influence?</li>"
            "<li><strong>Gather evidence</strong> through information requests, observation and "
            "testimonies collected with informed consent.</li>"
            "<li><strong>Build a broad coalition</strong>, deliberately crossing ethnic, "
            "religious, political and generational lines.</li>"
            "<li><strong>Propose solutions</strong> and engage officials constructively before "
            "turning to public pressure.</li>"
            "<li><strong>Follow up and report back</strong> to the community, including on what "
            "did not work.</li>"
            "</ol>"
            "<p>Throughout, apply the principle of <strong>do no harm</strong>: think about the "
            "safety of participants, protect personal data, and avoid actions that could expose "
            "vulnerable people to retaliation or deepen divisions.</p>",
        ),
        (
            "case_study",
            {
                "title": "Composite case: a safer way to school",
                "body": (
                    "<p><em>An illustrative composite; not a description of a real place.</em></p>"
                    "<p>Parents in an ethnically mixed suburb are worried about their children's "
                    "route to the local primary school: an unlit underpass, a busy road without a "
                    "pedestrian crossing and an abandoned building where drugs are sold. Mothers "
                    "from different communities who meet at the school gate start a small group. "
                    "Through an information request they discover that the municipality set aside "
                    "money for street lighting three years earlier, but the work was never "
                    "carried out. They present their findings, with photographs and a petition, "
                    "at a meeting of the local community council and invite the police and the "
                    "municipal roads department to walk the route with them. Within a year the "
                    "lighting and a crossing are installed and police patrols have increased. "
                    "Just as important, the parents' group has become a lasting forum in which "
                    "families from different backgrounds work together on shared concerns.</p>"
                ),
            },
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Choose one insecurity in your community that you identified earlier in this "
                    "course. Who is responsible for addressing it, who could be your allies, and "
                    "what would be a realistic first step over the next month?"
                ),
            },
        ),
        (
            "further_reading",
            {
                "items": [
                    {
                        "title": "Human Security Handbook",
                        "author": "Human Security Unit, United Nations",
                        "year": "2016",
                        "publisher": "United Nations",
                        "url": "",
                    },
                ],
            },
        ),
    ],
}


# Course 2: Summer school on reconciliation (English, scheduled)

_SUMMER_M1_L1 = {
    "slug": "what-do-we-mean-by-reconciliation",
    "title": "What do we mean by reconciliation?",
    "minutes": 20,
    "preview": True,
    "body": [
        ("heading", {"text": "A contested word", "level": "h2"}),
        (
            "rich_text",
            "<p>Few words are used as often, or with as much suspicion, in post-war societies as "
            "<em>reconciliation</em>. For some it sounds like a demand to forgive and forget; "
            "for others, like a vague project imposed from outside. Before the summer school, it "
            "helps to be precise about what we mean.</p>"
            "<p>Most practitioners understand reconciliation as a <strong>long-term "
            "process</strong>, not a single event or agreement. It takes place at several levels "
            "at once: within individuals coming to terms with loss and trauma; between "
            "neighbours and families; between communities in a town; and between states and "
            "peoples across the region. Progress at one level does not guarantee progress at "
            "another. Governments can sign declarations while neighbours still avoid each other, "
            "and individuals can rebuild friendships while political leaders deepen "
            "divisions.</p>",
        ),
        (
            "key_concept",
            {
                "term": "Reconciliation as a meeting place",
                "explanation": (
                    "<p>The peacebuilding scholar and practitioner John Paul Lederach describes "
                    "reconciliation as a place where four values meet: <strong>truth</strong> "
                    "(acknowledging what happened), <strong>mercy</strong> (acceptance and a new "
                    "start), <strong>justice</strong> (accountability and redress) and "
                    "<strong>peace</strong> (security and well-being for all). These values pull "
                    "in different directions; reconciliation means holding them together rather "
                    "than sacrificing one to another.</p>"
                ),
            },
        ),
        ("heading", {"text": "Thin and thick reconciliation", "level": "h3"}),
        (
            "rich_text",
            "<p>Researchers sometimes distinguish between <em>thin</em> and <em>thick</em> "
            "reconciliation. Thin reconciliation means peaceful coexistence: people live side by "
            "side without violence, even if trust is low and contact is limited. Thick "
            "reconciliation involves mutual acknowledgement, trust and a sense of a shared "
            "future. In much of the region, thin coexistence has largely been achieved; the "
            "harder work of building trust is still under way, and it is the focus of this "
            "summer school.</p>",
        ),
        (
            "reflection",
            {
                "prompt": (
                    "What does the word “reconciliation” mean to you, and how is it used in your "
                    "community? Note down one situation in which you think reconciliation has "
                    "happened, and one in which it has not. Bring your notes to the first session."
                ),
            },
        ),
    ],
}

_SUMMER_M1_L2 = {
    "slug": "truth-justice-reparation-non-recurrence",
    "title": "Truth, justice, reparation and non-recurrence",
    "minutes": 25,
    "preview": False,
    "body": [
        ("heading", {"text": "Four pillars of transitional justice", "level": "h2"}),
        (
            "rich_text",
            "<p>Transitional justice refers to the processes and mechanisms through which a "
            "society tries to come to terms with a legacy of large-scale abuses. The United "
            "Nations describes it through four mutually reinforcing pillars:</p>"
            "<ul>"
            "<li><strong>Truth</strong> — establishing and acknowledging the facts about "
            "violations, their causes and their victims, through commissions, documentation, "
            "archives and the search for the missing.</li>"
            "<li><strong>Justice</strong> — holding perpetrators individually accountable "
            "through fair trials, nationally and internationally.</li>"
            "<li><strong>Reparation</strong> — material and symbolic redress for victims: "
            "compensation, rehabilitation, restitution of property, public apologies and "
            "memorials.</li>"
            "<li><strong>Guarantees of non-recurrence</strong> — reforms that make repetition "
            "less likely, such as the vetting and reform of police, military and judiciary, and "
            "changes in education.</li>"
            "</ul>",
        ),
        ("heading", {"text": "The regional record", "level": "h3"}),
        (
            "rich_text",
            "<p>In the former Yugoslavia, justice has received the most attention. The "
            "International Criminal Tribunal for the former Yugoslavia, which worked from 1993 "
            "to 2017, and domestic war crimes courts have convicted many perpetrators and "
            "established a large body of facts. Other pillars have lagged behind. Regional "
            "efforts to create an official fact-finding commission have not led to an agreement "
            "between governments; reparations for civilian victims are uneven and depend on "
            "where people live; and institutional reforms have not always removed those "
            "responsible for abuses. In recent years Kosovo and parts of Bosnia and Herzegovina "
            "have legally recognised survivors of conflict-related sexual violence as civilian "
            "victims entitled to support — an important, if late, step.</p>",
        ),
        (
            "key_concept",
            {
                "term": "Victim-centred approach",
                "explanation": (
                    "<p>An approach that places the rights, needs and voices of victims and "
                    "survivors at the centre of transitional justice. It means consulting victims "
                    "on how mechanisms are designed, protecting them from re-traumatisation, and "
                    "recognising all victims regardless of their ethnicity or the side they were "
                    "on.</p>"
                ),
            },
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Which of the four pillars do you think has received the least attention in "
                    "your country? What consequences has this had for people's sense of security "
                    "today?"
                ),
            },
        ),
    ],
}

_SUMMER_M2_L1 = {
    "slug": "competing-narratives-and-memory",
    "title": "Competing narratives and the politics of memory",
    "minutes": 25,
    "preview": False,
    "body": [
        ("heading", {"text": "One past, many stories", "level": "h2"}),
        (
            "rich_text",
            "<p>Three decades after the wars, people in the region often live with sharply "
            "different accounts of what happened, why, and who suffered. The same event may be "
            "remembered as a liberation in one community and as a tragedy in another. Monuments, "
            "street names, commemorations, school textbooks, television series and social media "
            "all carry these narratives, and political actors frequently use them to mobilise "
            "support, especially before elections.</p>"
            "<p>Competing narratives share some common features. Each tends to emphasise the "
            "suffering of its own group and minimise that of others — sometimes called "
            "<em>competitive victimhood</em>. Each tends to treat crimes committed by "
            "individuals as the collective guilt of the other side, and to present its own "
            "fighters only as defenders. Facts established in court are sometimes denied "
            "outright, and people convicted of war crimes are sometimes welcomed home as "
            "heroes.</p>",
        ),
        (
            "key_concept",
            {
                "term": "Multiperspectivity",
                "explanation": (
                    "<p>An approach to history teaching, promoted among others by the Council of "
                    "Europe, that examines events from several perspectives and through varied "
                    "sources. It does not mean that all accounts are equally true or that "
                    "established facts are negotiable. It means understanding how different "
                    "groups experienced and interpreted the same events, and learning to evaluate "
                    "evidence critically.</p>"
                ),
            },
        ),
        (
            "case_study",
            {
                "title": "Composite case: two plaques on one bridge",
                "body": (
                    "<p><em>An illustrative composite; the town is fictional.</em></p>"
                    "<p>On a bridge in a small river town there are two memorial plaques. One, "
                    "put up by the municipality, honours the fighters of one side who “defended "
                    "the town”. The other, put up years later by a victims' association and twice "
                    "removed, names civilians from the other community who were killed on the "
                    "bridge. Every year two separate ceremonies take place on different dates, "
                    "attended by different people. A group of young people proposes a third "
                    "event: a silent walk across the bridge on a neutral date, reading out all "
                    "the names. Politicians on both sides criticise it, but some fifty residents "
                    "take part.</p>"
                ),
            },
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Which places, dates or symbols in your town are remembered differently by "
                    "different communities? Come to the summer school prepared to describe one of "
                    "them in a few minutes."
                ),
            },
        ),
    ],
}

_SUMMER_M2_L2 = {
    "slug": "preparing-for-dialogue",
    "title": "Preparing for dialogue",
    "minutes": 20,
    "preview": False,
    "body": [
        ("heading", {"text": "What to expect", "level": "h2"}),
        (
            "rich_text",
            "<p>Much of the summer school is built around facilitated dialogue in small groups. "
            "You will hear personal stories, some of them painful, from other participants and "
            "from invited guests. Dialogue is different from debate: the aim is not to win an "
            "argument but to understand how others see the world, and why.</p>",
        ),
        ("heading", {"text": "Principles we will work with", "level": "h3"}),
        (
            "rich_text",
            "<ul>"
            "<li><strong>Confidentiality.</strong> Personal stories shared in the group stay in "
            "the group. Nothing will be attributed to you in any public output without your "
            "consent.</li>"
            "<li><strong>Speak for yourself.</strong> Talk about your own experience rather than "
            "on behalf of a whole nation or community.</li>"
            "<li><strong>Listen to understand.</strong> Listening to someone's experience does "
            "not mean agreeing with their interpretation of history.</li>"
            "<li><strong>Respect established facts and human dignity.</strong> Denial of "
            "established crimes and hate speech have no place in the dialogue.</li>"
            "<li><strong>The right to pass.</strong> No one is obliged to share more than they "
            "want to.</li>"
            "</ul>",
        ),
        (
            "key_concept",
            {
                "term": "Trauma-sensitive practice",
                "explanation": (
                    "<p>Many people in the region, including participants and trainers, carry "
                    "experiences of loss, displacement or violence, directly or through their "
                    "families. Trauma-sensitive practice means creating predictable and safe "
                    "settings, avoiding pressure to disclose, recognising signs of distress and "
                    "making support available. On the first day the team will explain how to ask "
                    "for support, and you are encouraged to take a break whenever you need "
                    "one.</p>"
                ),
            },
        ),
        (
            "rich_text",
            "<p><strong>Before you arrive</strong>, please choose a short personal or family "
            "story connected to the past — an object, a photograph, a place or a memory — that "
            "you are willing to share in a small group. Think also of one question you would "
            "like to ask participants from other communities.</p>",
        ),
        (
            "reflection",
            {
                "prompt": (
                    "What do you expect to find most difficult about listening to people whose "
                    "experience of the past differs from yours? What would help you to stay open?"
                ),
            },
        ),
        (
            "further_reading",
            {
                "items": [
                    {
                        "title": "Reconciliation After Violent Conflict: A Handbook",
                        "author": "David Bloomfield, Teresa Barnes and Luc Huyse (eds.)",
                        "year": "2003",
                        "publisher": "International IDEA",
                        "url": "",
                    },
                ],
            },
        ),
    ],
}


# Course 3: Good governance and police accountability (Serbian, Latin)

_POLICE_M1_L1 = {
    "slug": "sta-je-dobro-upravljanje",
    "title": "Šta je dobro upravljanje?",
    "minutes": 20,
    "preview": True,
    "body": [
        ("heading", {"text": "Od vlasti do upravljanja", "level": "h2"}),
        (
            "rich_text",
            "<p>Pojam <strong>upravljanja</strong> (engl. <em>governance</em>) širi je od pojma "
            "vlasti. On obuhvata način na koji se u jednom društvu donose i sprovode odluke: ko "
            "učestvuje u odlučivanju, po kojim pravilima, pod kakvim nadzorom i sa kakvim "
            "rezultatima za građane. Upravljanje je „dobro“ kada institucije služe javnom "
            "interesu, a ne interesima pojedinaca, stranaka ili grupa.</p>"
            "<p>Ekonomska i socijalna komisija Ujedinjenih nacija za Aziju i Pacifik (UNESCAP) "
            "opisuje dobro upravljanje kroz osam obeležja, koja se često navode i u našem "
            "regionu:</p>"
            "<ul>"
            "<li><strong>učešće</strong> — i žene i muškarci, uključujući pripadnike manjina i "
            "ranjivih grupa, mogu da utiču na odluke;</li>"
            "<li><strong>vladavina prava</strong> — zakoni su pravični i primenjuju se "
            "nepristrasno, na sve jednako;</li>"
            "<li><strong>transparentnost</strong> — informacije o odlukama i njihovom "
            "sprovođenju dostupne su javnosti;</li>"
            "<li><strong>odzivnost</strong> — institucije u razumnom roku odgovaraju na potrebe "
            "građana;</li>"
            "<li><strong>usmerenost ka konsenzusu</strong> — različiti interesi usklađuju se "
            "kroz dijalog;</li>"
            "<li><strong>pravičnost i uključivost</strong> — niko nije isključen iz koristi koje "
            "donose javne politike;</li>"
            "<li><strong>efikasnost i delotvornost</strong> — resursi se koriste razumno, a "
            "rezultati odgovaraju potrebama;</li>"
            "<li><strong>odgovornost</strong> — nosioci javnih ovlašćenja polažu račune onima na "
            "koje njihove odluke utiču.</li>"
            "</ul>",
        ),
        (
            "key_concept",
            {
                "term": "Odgovornost (polaganje računa)",
                "explanation": (
                    "<p>Obaveza nosilaca javnih ovlašćenja da objasne i opravdaju svoje odluke i "
                    "postupke i da snose posledice ako prekrše zakon ili zloupotrebe ovlašćenja. "
                    "Na engleskom se za to koristi reč <em>accountability</em>. Odgovornost ima "
                    "tri elementa: <strong>informisanje</strong> (šta je urađeno), "
                    "<strong>obrazloženje</strong> (zašto je urađeno) i <strong>sankcija ili "
                    "ispravka</strong> (šta se dešava kada nešto nije urađeno kako treba).</p>"
                ),
            },
        ),
        ("heading", {"text": "Dobro upravljanje u sektoru bezbednosti", "level": "h3"}),
        (
            "rich_text",
            "<p>Sektor bezbednosti — policija, vojska i službe bezbednosti, ali i pravosuđe i "
            "institucije koje ih nadziru — raspolaže ovlašćenjima kakva nema nijedan drugi deo "
            "države: da primeni silu, da liši slobode, da tajno prati komunikaciju. Zato su "
            "načela dobrog upravljanja za njega posebno važna. Reforme sektora bezbednosti u "
            "Srbiji, Crnoj Gori i Bosni i Hercegovini od početka 2000-ih, podstaknute i procesom "
            "pridruživanja Evropskoj uniji, imale su upravo taj cilj: da institucije bezbednosti "
            "budu delotvorne, ali i podređene zakonu, demokratski izabranim organima i "
            "javnosti.</p>",
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Setite se poslednjeg kontakta koji ste vi ili neko iz vaše okoline imali sa "
                    "nekom javnom institucijom. Koja ste od osam obeležja dobrog upravljanja "
                    "prepoznali, a koja su nedostajala?"
                ),
            },
        ),
    ],
}

_POLICE_M1_L2 = {
    "slug": "policija-u-demokratskom-drustvu",
    "title": "Policija u demokratskom društvu",
    "minutes": 25,
    "preview": False,
    "body": [
        ("heading", {"text": "Čemu služi policija?", "level": "h2"}),
        (
            "rich_text",
            "<p>U demokratskom društvu policija nije sila koja štiti vlast od građana, već javna "
            "služba koja štiti građane i njihova prava. Evropski kodeks policijske etike, koji "
            "je Komitet ministara Saveta Evrope 2001. godine usvojio kao preporuku državama "
            "članicama, navodi pet glavnih ciljeva policije: očuvanje javnog mira i reda; "
            "zaštitu i poštovanje osnovnih prava i sloboda pojedinca, naročito onih zajemčenih "
            "Evropskom konvencijom o ljudskim pravima; sprečavanje i suzbijanje kriminala; "
            "otkrivanje krivičnih dela; i pružanje pomoći i usluga građanima.</p>",
        ),
        (
            "quote",
            {
                "quote": (
                    "Službena lica zadužena za primenu zakona mogu da upotrebe silu samo kada je "
                    "to strogo neophodno i u meri u kojoj je to potrebno za obavljanje njihove "
                    "dužnosti."
                ),
                "source": (
                    "Kodeks ponašanja službenih lica zaduženih za primenu zakona, Generalna "
                    "skupština UN, 1979, član 3 (nezvaničan prevod)"
                ),
            },
        ),
        ("heading", {"text": "Pravila za upotrebu sile", "level": "h3"}),
        (
            "rich_text",
            "<p>Policija ponekad mora da upotrebi silu, ali su njena ovlašćenja jasno "
            "ograničena. Osnovna načela UN o upotrebi sile i vatrenog oružja od strane službenih "
            "lica za primenu zakona (1990) i praksa Evropskog suda za ljudska prava počivaju na "
            "nekoliko pravila:</p>"
            "<ul>"
            "<li><strong>zakonitost</strong> — sila se primenjuje samo na osnovu zakona i u "
            "zakonom propisane svrhe;</li>"
            "<li><strong>neophodnost</strong> — sila se koristi samo kada blaža sredstva nisu "
            "delotvorna;</li>"
            "<li><strong>srazmernost</strong> — upotrebljena sila mora biti srazmerna pretnji i "
            "cilju koji se želi postići;</li>"
            "<li><strong>odgovornost</strong> — svaka upotreba sile mora biti evidentirana, "
            "prijavljena i podložna proveri.</li>"
            "</ul>",
        ),
        (
            "key_concept",
            {
                "term": "Rad policije u zajednici",
                "explanation": (
                    "<p>Pristup u kome policija i građani zajedno prepoznaju i rešavaju "
                    "bezbednosne probleme u lokalnoj zajednici. Policijski službenici su poznati "
                    "građanima i redovno se sastaju sa njima, a uspeh se ne meri samo brojem "
                    "hapšenja, već i poverenjem i osećajem bezbednosti. Ovaj pristup se u regionu "
                    "uvodi od početka 2000-ih godina, sa različitim rezultatima.</p>"
                ),
            },
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Da li znate koji je policijski službenik zadužen za vaš kraj? Šta bi, po "
                    "vašem mišljenju, najviše doprinelo većem poverenju između policije i građana "
                    "u vašoj sredini?"
                ),
            },
        ),
        (
            "further_reading",
            {
                "items": [
                    {
                        "title": "The European Code of Police Ethics: Recommendation Rec(2001)10",
                        "author": "Komitet ministara Saveta Evrope",
                        "year": "2001",
                        "publisher": "Savet Evrope",
                        "url": "",
                    },
                    {
                        "title": "Guidebook on Democratic Policing (2. izdanje)",
                        "author": "Viši policijski savetnik generalnog sekretara OEBS-a",
                        "year": "2008",
                        "publisher": "OEBS",
                        "url": "",
                    },
                ],
            },
        ),
    ],
}

_POLICE_M2_L1 = {
    "slug": "ko-nadzire-policiju",
    "title": "Ko nadzire policiju?",
    "minutes": 25,
    "preview": False,
    "body": [
        ("heading", {"text": "Više nivoa nadzora", "level": "h2"}),
        (
            "rich_text",
            "<p>Nijedna institucija ne može sama da obezbedi odgovornost policije. U "
            "demokratskim sistemima nadzor se ostvaruje na više nivoa koji se međusobno "
            "dopunjuju:</p>"
            "<ul>"
            "<li><strong>unutrašnja kontrola</strong> — posebne jedinice u okviru ministarstva "
            "unutrašnjih poslova ispituju pritužbe i sumnje na nezakonit rad policijskih "
            "službenika; u Srbiji tu ulogu ima Sektor unutrašnje kontrole;</li>"
            "<li><strong>izvršna vlast</strong> — ministar i vlada odgovaraju za politiku, "
            "budžet i rukovođenje policijom;</li>"
            "<li><strong>skupštinski nadzor</strong> — nadležni odbori (u Srbiji Odbor za "
            "odbranu i unutrašnje poslove, u Crnoj Gori Odbor za bezbjednost i odbranu) "
            "razmatraju izveštaje, postavljaju pitanja i organizuju javna slušanja;</li>"
            "<li><strong>pravosuđe</strong> — tužilaštva gone, a sudovi sude policijskim "
            "službenicima koji prekrše zakon; sudovi odlučuju i o zakonitosti mera kao što su "
            "pritvor ili tajni nadzor;</li>"
            "<li><strong>nezavisne institucije</strong> — zaštitnici građana (ombudsmani), "
            "poverenici za informacije i zaštitu podataka, kao i nacionalni mehanizmi za "
            "prevenciju torture, koji obilaze mesta na kojima se nalaze lica lišena slobode;</li>"
            "<li><strong>javnost</strong> — mediji, istraživači i organizacije civilnog "
            "društva.</li>"
            "</ul>",
        ),
        (
            "key_concept",
            {
                "term": "Spoljašnji nadzor",
                "explanation": (
                    "<p>Nadzor koji sprovode tela izvan same policije i ministarstva. Unutrašnja "
                    "kontrola je neophodna, ali građani teško mogu da veruju da će policija "
                    "nepristrasno istražiti samu sebe, naročito kada je reč o teškim povredama "
                    "prava. Zato praksa Evropskog suda za ljudska prava zahteva da istrage navoda "
                    "o zlostavljanju budu nezavisne, temeljne i hitne, i da žrtva u njima može "
                    "delotvorno da učestvuje.</p>"
                ),
            },
        ),
        ("heading", {"text": "Primeri iz regiona", "level": "h3"}),
        (
            "rich_text",
            "<p>Pored ovih opštih mehanizama, u regionu postoje i posebna tela. U Crnoj Gori "
            "deluje Savjet za građansku kontrolu rada policije, koji čine predstavnici "
            "strukovnih udruženja, akademske zajednice i nevladinih organizacija i kome građani "
            "mogu da se obrate ako smatraju da su im policijski službenici povredili prava. U "
            "Bosni i Hercegovini su reformom policije uvedeni odbori za žalbe javnosti, koji "
            "razmatraju pritužbe građana, i nezavisni odbori, koji učestvuju u izboru i "
            "razrešenju rukovodilaca policije.</p>",
        ),
        (
            "case_study",
            {
                "title": "Ilustrativni slučaj: pritužba koja je nešto promenila",
                "body": (
                    "<p><em>Izmišljen slučaj sastavljen od čestih situacija; ne opisuje stvarne "
                    "osobe.</em></p>"
                    "<p>Marko, dvadesetogodišnji student, priveden je posle svađe ispred jednog "
                    "kafića. Tvrdi da su ga u policijskoj stanici udarali i da mu nisu dozvolili "
                    "da pozove advokata. Uz pomoć pravnika iz lokalne organizacije podnosi "
                    "pritužbu unutrašnjoj kontroli i obraća se zaštitniku građana. Unutrašnja "
                    "kontrola najpre ocenjuje da je postupanje bilo zakonito, ali ombudsman "
                    "pribavlja snimke video-nadzora i medicinsku dokumentaciju i utvrđuje "
                    "propuste. Preporučuje da sva privedena lica odmah budu obaveštena o svojim "
                    "pravima i da kamere u prostorijama za zadržavanje rade bez prekida. Predmet "
                    "je prosleđen i nadležnom tužilaštvu.</p>"
                    "<p>Šta bi se dogodilo da je postojao samo jedan mehanizam nadzora?</p>"
                ),
            },
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Koje od navedenih mehanizama nadzora poznajete u svojoj zemlji? Kome biste "
                    "se obratili kada biste bili svedok nezakonitog postupanja policije?"
                ),
            },
        ),
    ],
}

_POLICE_M2_L2 = {
    "slug": "uloga-gradjana-i-civilnog-drustva",
    "title": "Uloga građana i civilnog društva",
    "minutes": 20,
    "preview": False,
    "body": [
        ("heading", {"text": "Građani kao deo sistema odgovornosti", "level": "h2"}),
        (
            "rich_text",
            "<p>Institucije nadzora rade bolje kada postoji zainteresovana i obaveštena javnost. "
            "Građani i organizacije civilnog društva mogu da doprinesu odgovornosti policije na "
            "više načina:</p>"
            "<ul>"
            "<li><strong>podnošenjem pritužbi</strong> — važno je zapisati vreme i mesto "
            "događaja, broj značke ili opis službenika i imena svedoka, i sačuvati medicinsku "
            "dokumentaciju;</li>"
            "<li><strong>zahtevima za pristup informacijama</strong> — zakoni o slobodnom "
            "pristupu informacijama postoje u Srbiji, Crnoj Gori i Bosni i Hercegovini, pa se na "
            "osnovu njih mogu dobiti podaci o budžetu, nabavkama, broju pritužbi i njihovom "
            "ishodu; u Srbiji se građanin kome organ ne odgovori može žaliti Povereniku za "
            "informacije od javnog značaja i zaštitu podataka o ličnosti;</li>"
            "<li><strong>praćenjem i istraživanjem</strong> — organizacije prate suđenja, "
            "analiziraju godišnje izveštaje institucija, istražuju poverenje građana u policiju "
            "i objavljuju nezavisne izveštaje;</li>"
            "<li><strong>istraživačkim novinarstvom</strong> — mediji otkrivaju zloupotrebe i "
            "podstiču institucije da reaguju;</li>"
            "<li><strong>saradnjom na lokalnom nivou</strong> — lokalni saveti za bezbednost, "
            "mesne zajednice i javne tribine omogućavaju građanima i policiji da zajedno odrede "
            "prioritete.</li>"
            "</ul>",
        ),
        (
            "key_concept",
            {
                "term": "Kritička saradnja",
                "explanation": (
                    "<p>Odnos u kome organizacije civilnog društva sarađuju sa policijom tamo gde "
                    "je to moguće — na primer u obukama, prevenciji nasilja ili radu sa mladima — "
                    "ali zadržavaju nezavisnost da javno ukažu na propuste. Ni slepa podrška ni "
                    "stalna konfrontacija ne doprinose odgovornosti; kredibilitet se gradi "
                    "proverljivim podacima, doslednošću i nestranačkim pristupom.</p>"
                ),
            },
        ),
        (
            "case_study",
            {
                "title": "Ilustrativni slučaj: mapa nesigurnih mesta",
                "body": (
                    "<p><em>Izmišljen, ilustrativan primer.</em></p>"
                    "<p>Grupa mladih u jednom gradu organizuje „šetnje bezbednosti“ sa "
                    "stanovnicima različitih naselja, uključujući žene, starije osobe i osobe sa "
                    "invaliditetom. Na osnovu razgovora izrađuju mapu mesta na kojima se ljudi "
                    "osećaju nesigurno: neosvetljen park, autobusku stanicu na kojoj se prodaje "
                    "droga, prelaz bez semafora pored škole. Putem zahteva za pristup "
                    "informacijama dobijaju podatke o prijavljenim incidentima u tim delovima "
                    "grada. Mapu predstavljaju na sednici lokalnog saveta za bezbednost, uz "
                    "učešće komandira policijske stanice i predstavnika opštine. Dogovoreno je "
                    "češće patroliranje i postavljanje rasvete, a grupa se obavezala da posle "
                    "šest meseci ponovi šetnje i javno objavi šta se promenilo.</p>"
                ),
            },
        ),
        (
            "reflection",
            {
                "prompt": (
                    "Koji konkretan korak biste vi ili vaša organizacija mogli da preduzmete "
                    "tokom narednog meseca kako biste doprineli većoj odgovornosti policije u "
                    "svojoj sredini?"
                ),
            },
        ),
        (
            "further_reading",
            {
                "items": [
                    {
                        "title": "Handbook on Police Accountability, Oversight and Integrity",
                        "author": "Kancelarija Ujedinjenih nacija za droge i kriminal (UNODC)",
                        "year": "2011",
                        "publisher": "Ujedinjene nacije",
                        "url": "",
                    },
                ],
            },
        ),
    ],
}


DEMO_COURSES: list[dict] = [
    {
        "slug": "introduction-to-human-security",
        "title": "Introduction to Human Security",
        "summary": (
            "A people-centred introduction to security: where the idea of human security comes "
            "from, what it means in the Western Balkans and Turkey, and how communities can "
            "strengthen it."
        ),
        "description": (
            "<p>Security is usually discussed in terms of borders, armies and police. "
            "<strong>Human security</strong> asks a different question: are people safe from the "
            "threats that shape their daily lives — violence and fear, but also poverty, illness, "
            "discrimination and the loss of a home or a livelihood?</p>"
            "<p>This self-paced introductory course explains where the human security approach "
            "comes from, from the 1994 UNDP Human Development Report to the common understanding "
            "agreed by the UN General Assembly in 2012. It then applies the approach to the "
            "realities of the Western Balkans, Bulgaria and Turkey: organised crime and "
            "corruption, the emigration of young people, police accountability, the legacies of "
            "war and the exclusion of marginalised groups.</p>"
            "<p>The course is designed for activists, community workers, students, journalists, "
            "public servants and anyone who wants to understand insecurity from the perspective "
            "of the people who live with it. No prior knowledge is needed. It takes about six "
            "hours, and participants who complete all lessons receive a <em>certificate of "
            "completion</em>.</p>"
        ),
        "learning_outcomes": [
            "Explain the difference between state-centred and people-centred approaches to "
            "security.",
            "Describe the seven dimensions of human security identified in the 1994 UNDP Human "
            "Development Report and apply them to a local context.",
            "Outline how the concept developed at the United Nations, from Human Security Now "
            "(2003) to General Assembly resolution 66/290 (2012).",
            "Analyse how organised crime, economic insecurity and weak police accountability "
            "affect people's security in the region.",
            "Identify ways in which reconciliation, social inclusion and civic oversight "
            "strengthen human security.",
            "Plan a small, realistic community initiative using a human security lens.",
        ],
        "effort_hours": 6,
        "level": "introductory",
        "language": "en",
        "themes": [
            "Human security concepts",
            "Organised crime and illicit economies",
            "Police accountability",
            "Reconciliation",
            "Social inclusion",
            "Good governance",
        ],
        "countries": [
            "Western Balkans regional",
            "Bosnia and Herzegovina",
            "Bulgaria",
            "Kosovo",
            "Montenegro",
            "Serbia",
            "Turkey",
        ],
        "format": "self_paced",
        "start_offset_days": None,
        "end_offset_days": None,
        "certificate": True,
        "enrolment_mode": "open",
        "capacity": None,
        "trainers": [
            {"name": "Amra Kovačević", "organisation": "Network member organisation, Sarajevo"},
            {"name": "Kalina Dobreva", "organisation": "Network member organisation, Sofia"},
            {"name": "Selin Karaca", "organisation": "Network member organisation, Istanbul"},
        ],
        "modules": [
            {
                "slug": "what-is-human-security",
                "title": "What is human security?",
                "summary": (
                    "Where the idea of human security came from, what it covers and how the "
                    "United Nations came to define it."
                ),
                "lessons": [_INTRO_M1_L1, _INTRO_M1_L2, _INTRO_M1_L3],
            },
            {
                "slug": "human-security-in-the-western-balkans-and-turkey",
                "title": "Human security in the Western Balkans and Turkey",
                "summary": (
                    "How organised crime, economic insecurity and police conduct shape people's "
                    "security across the region."
                ),
                "lessons": [_INTRO_M2_L1, _INTRO_M2_L2, _INTRO_M2_L3],
            },
            {
                "slug": "building-human-security-together",
                "title": "Building human security together",
                "summary": (
                    "How reconciliation, social inclusion and civic oversight build human "
                    "security, and what you can do in your own community."
                ),
                "lessons": [_INTRO_M3_L1, _INTRO_M3_L2, _INTRO_M3_L3],
            },
        ],
    },
    {
        "slug": "summer-school-reconciliation",
        "title": "Summer School: Reconciliation and Dealing with the Past",
        "summary": (
            "An eight-day residential summer school for young practitioners from the region on "
            "dealing with the past, dialogue and reconciliation. Places are limited; admission is "
            "by application."
        ),
        "description": (
            "<p>This summer school brings together up to 25 young activists, educators, "
            "journalists, researchers and community workers from Bosnia and Herzegovina, Kosovo, "
            "Montenegro, Serbia and neighbouring countries for eight days of intensive learning "
            "on <strong>reconciliation and dealing with the past</strong>.</p>"
            "<p>Through seminars, facilitated dialogue, visits to sites of memory and meetings "
            "with families of victims, historians and practitioners, participants explore how "
            "societies confront a legacy of war and mass violence, why competing narratives "
            "persist and what civil society can do to rebuild trust between communities. The "
            "working language is English.</p>"
            "<p>Admission is by application. The online modules below are <em>preparatory "
            "reading</em>: selected participants are asked to complete them before arrival. "
            "Participants who complete the preparatory modules and attend the full programme "
            "receive a certificate.</p>"
        ),
        "learning_outcomes": [
            "Explain key concepts of reconciliation and transitional justice and how they relate "
            "to each other.",
            "Describe the main mechanisms used in the region to deal with the legacy of the wars "
            "of the 1990s, and their achievements and limits.",
            "Analyse how competing narratives of the past are produced and used in public life.",
            "Apply basic principles of safe and respectful dialogue among people with different "
            "experiences of conflict.",
            "Design a small follow-up initiative for reconciliation or inclusion in their own "
            "community.",
        ],
        "effort_hours": 40,
        "level": "intermediate",
        "language": "en",
        "themes": ["Reconciliation", "Social inclusion"],
        "countries": [
            "Bosnia and Herzegovina",
            "Kosovo",
            "Montenegro",
            "Serbia",
            "Western Balkans regional",
        ],
        "format": "scheduled",
        "start_offset_days": 60,
        "end_offset_days": 67,
        "certificate": True,
        "enrolment_mode": "application",
        "capacity": 25,
        "trainers": [
            {"name": "Nermina Begović", "organisation": "Network member organisation, Mostar"},
            {"name": "Fjolla Dervishi", "organisation": "Network member organisation, Prishtina"},
            {"name": "Luka Jeftić", "organisation": "Network member organisation, Belgrade"},
        ],
        "modules": [
            {
                "slug": "understanding-reconciliation",
                "title": "Understanding reconciliation and transitional justice",
                "summary": "Key concepts that will frame the discussions at the summer school.",
                "lessons": [_SUMMER_M1_L1, _SUMMER_M1_L2],
            },
            {
                "slug": "memory-narratives-and-dialogue",
                "title": "Memory, narratives and dialogue",
                "summary": (
                    "How the past is remembered today, and how to prepare for dialogue during the "
                    "summer school."
                ),
                "lessons": [_SUMMER_M2_L1, _SUMMER_M2_L2],
            },
        ],
    },
    {
        "slug": "dobro-upravljanje-i-odgovornost-policije",
        "title": "Dobro upravljanje i odgovornost policije",
        "summary": (
            "Kratak kurs o tome šta je dobro upravljanje u oblasti bezbednosti, kojim standardima "
            "se rukovodi demokratska policija i kako institucije i građani mogu da nadziru njen "
            "rad."
        ),
        "description": (
            "<p>Policija je deo države sa kojim građani najčešće dolaze u kontakt. Od toga kako "
            "policija postupa — da li poštuje zakon i ljudska prava, da li je dostupna svima i da "
            "li odgovara za greške — u velikoj meri zavisi da li se ljudi osećaju bezbedno.</p>"
            "<p>Ovaj kurs uvodi osnovne pojmove <strong>dobrog upravljanja</strong> i "
            "<strong>demokratskog nadzora nad policijom</strong>, predstavlja međunarodne "
            "standarde policijskog rada i objašnjava ulogu unutrašnje kontrole, skupštine, "
            "pravosuđa, nezavisnih institucija, medija i civilnog društva, uz primere iz Srbije, "
            "Crne Gore i Bosne i Hercegovine.</p>"
            "<p>Kurs je namenjen aktivistima, novinarima, studentima, zaposlenima u lokalnoj "
            "samoupravi i svima koje zanima kako se gradi poverenje između policije i građana. "
            "Traje oko četiri sata i može se pratiti sopstvenim tempom.</p>"
        ),
        "learning_outcomes": [
            "Objasniti osnovna načela dobrog upravljanja i njihovu primenu u sektoru bezbednosti.",
            "Opisati ključne međunarodne standarde za rad policije u demokratskom društvu.",
            "Razlikovati unutrašnje i spoljne mehanizme kontrole i nadzora nad radom policije.",
            "Prepoznati načine na koje građani i organizacije civilnog društva mogu da doprinesu "
            "odgovornosti policije.",
            "Proceniti prednosti i slabosti mehanizama odgovornosti u sopstvenoj sredini.",
        ],
        "effort_hours": 4,
        "level": "intermediate",
        "language": "sr-latn",
        "themes": ["Good governance", "Police accountability"],
        "countries": ["Serbia", "Montenegro", "Bosnia and Herzegovina"],
        "format": "self_paced",
        "start_offset_days": None,
        "end_offset_days": None,
        "certificate": True,
        "enrolment_mode": "open",
        "capacity": None,
        "trainers": [
            {"name": "Marija Jevtović", "organisation": "Organizacija članica mreže, Novi Sad"},
            {"name": "Vladan Perišić", "organisation": "Organizacija članica mreže, Nikšić"},
            {"name": "Lejla Mujagić", "organisation": "Organizacija članica mreže, Tuzla"},
        ],
        "modules": [
            {
                "slug": "dobro-upravljanje-i-policija",
                "title": "Dobro upravljanje i policija",
                "summary": (
                    "Šta podrazumevamo pod dobrim upravljanjem i kakva je uloga policije u "
                    "demokratskom društvu."
                ),
                "lessons": [_POLICE_M1_L1, _POLICE_M1_L2],
            },
            {
                "slug": "mehanizmi-odgovornosti-policije",
                "title": "Mehanizmi odgovornosti policije",
                "summary": (
                    "Ko i kako nadzire rad policije i kako građani mogu da učestvuju u tome."
                ),
                "lessons": [_POLICE_M2_L1, _POLICE_M2_L2],
            },
        ],
    },
]
