"""Superpowers and military space (site "spacewar")."""

from dateline.pipeline.demo.stories.base import story

SP, MS = "superpowers", "military-space"

STORIES = [
    story("afp-wire", "nato-space-summit", 3, "Brussels", "NATO summit backs joint space deterrence plan",
          "Alliance leaders meeting in Brussels on Tuesday endorsed a plan to treat attacks on allied "
          "satellites as a matter for collective deterrence, diplomats said.",
          "The text agreed at the summit asks members to share warning data from their own satellites and to "
          "hold a first joint exercise in orbit next year.",
          "\"Space is now part of how we keep the peace on the ground,\" one senior NATO official told "
          "reporters, asking not to be named before the communique was published.", expect=SP),
    story("upi-wire", "nato-space-summit", 4, "Brussels", "NATO summit agrees joint space deterrence plan",
          "NATO leaders at their summit in Brussels on Tuesday agreed to treat attacks on allied satellites as a "
          "matter for collective deterrence, diplomats said.",
          "Members will share warning data from their own satellites and hold a first joint exercise in orbit "
          "next year, according to the text agreed at the summit.",
          "Space is now part of how the alliance keeps the peace, a senior NATO official told reporters.",
          byline="By Martin Kessler, UPI", expect=SP),
    story("afp-wire", "kremlin-treaty", 30, "Moscow", "Kremlin proposes talks on a treaty banning weapons in orbit",
          "The Kremlin on Thursday called for new arms control talks on a treaty that would ban the placement of "
          "weapons in orbit, days after Washington accused Moscow of testing a co-orbital satellite.",
          "A spokesman said Russia was ready to host negotiators before the end of the year and urged Beijing to "
          "join as a third party.",
          "Western diplomats said the offer left out ground-based weapons and was unlikely to be accepted as "
          "written.", expect=SP),
    story("upi-wire", "pentagon-budget", 52, "Washington", "Pentagon asks Congress for more money for nuclear deterrence",
          "The Pentagon on Monday sent Congress a budget request that would raise spending on nuclear deterrence "
          "by 9 percent, with much of the increase going to command and control satellites.",
          "Officials said the strategic forces budget also funds two new missile warning satellites and a ground "
          "network that can survive an attack.",
          "Lawmakers on the armed services committees are expected to hold hearings on the request next month.",
          byline="By Jane Doe, UPI", expect=SP),
    story("afp-wire", "beijing-sanctions", 75, "Beijing", "Beijing condemns sanctions on its satellite makers",
          "Beijing on Wednesday condemned new US sanctions on four Chinese satellite companies and warned that "
          "the superpower rivalry in space risked spilling into trade.",
          "The foreign ministry said the sanctions were based on false claims that the firms supplied imagery "
          "to the military.",
          "Analysts said the move was part of a strategic contest between the two powers over who sets the rules "
          "for commercial space.", expect=SP),
    story("ians-wire", "india-us-dialogue", 98, "New Delhi", "India and US hold strategic dialogue on space security",
          "India and the United States held their annual strategic dialogue on space security here on Friday, "
          "agreeing to exchange data on objects in orbit and to consult on arms control proposals at the UN.",
          "Officials said the talks covered the risk of debris from anti-satellite tests and the growth of "
          "commercial constellations.",
          "The next round is due to be held in Washington before the NATO summit season, an official said.",
          expect=SP),
    story("staff-desk", "deterrence-analysis", 130, "Washington DC",
          "Analysis: why deterrence in orbit is harder than on Earth",
          "Deterrence worked in the nuclear age because each side could see the other's weapons and count them. "
          "In orbit, a satellite that can repair another can also disable it.",
          "That ambiguity is why arms control experts argue for rules of behaviour rather than a treaty that "
          "bans particular machines.",
          "Both superpowers now publish more about their own activities in orbit, a small step that analysts "
          "say makes a strategic miscalculation less likely.", expect=SP),
    story("afp-wire", "nato-ministers", 260, "Brussels", "NATO defence ministers set up a space centre in Germany",
          "NATO defence ministers agreed on Thursday to set up a space operations centre in Germany, the "
          "alliance's first permanent body dedicated to satellites.",
          "The centre will coordinate how members respond if an allied satellite is jammed or damaged.",
          "Ministers also discussed deterrence on the alliance's eastern flank and support for Ukraine.",
          expect=SP),
    story("upi-wire", "arms-control-vote", 410, "New York", "UN committee backs arms control resolution on space",
          "A United Nations committee on Wednesday approved an arms control resolution calling on states not to "
          "conduct destructive anti-satellite missile tests.",
          "The vote was 151 to 9, with Russia and China among those voting against, diplomats said.",
          "Supporters said the resolution was a first step towards a treaty, while opponents called it a way "
          "for one superpower to lock in its lead.", byline="By Priya Raman, UPI", expect=SP),
    story("ians-wire", "quad-summit", 620, "Tokyo", "Quad summit agrees satellite data sharing on maritime security",
          "Leaders of the Quad grouping agreed at their summit here on Saturday to share satellite data on "
          "shipping in the Indo-Pacific, a move seen as a response to Beijing's growing navy.",
          "The four nations said the initiative was not an alliance and was open to other countries in the "
          "region.",
          "Officials said the strategic value of the plan lay in giving smaller nations a clear picture of "
          "their own waters.", expect=SP),
    story("afp-wire", "space-force-warning", 8, "Colorado Springs",
          "US Space Force orders next missile warning satellites",
          "The US Space Force said on Monday it had ordered three more missile warning satellites for a new "
          "constellation in medium Earth orbit.",
          "The satellites are designed to track hypersonic weapons, which fly lower and change course more than "
          "ballistic missiles.",
          "Space Command officials said the first of them should be in orbit within three years.", expect=MS),
    story("upi-wire", "hypersonic-tracking", 26, "Washington", "Missile defense agency tests hypersonic tracking from orbit",
          "The Missile Defense Agency said on Tuesday that two prototype satellites had tracked a hypersonic "
          "glide vehicle during a test over the Pacific.",
          "The agency said data from the satellites was passed to an interceptor crew on a Navy destroyer in "
          "less than a minute.",
          "The test is part of a missile defense programme that aims to put dozens of tracking satellites in "
          "low orbit.", byline="By Tom Alvarez, UPI", expect=MS),
    story("afp-wire", "asat-debris", 54, "Paris", "France warns of debris risk after anti-satellite test",
          "France on Friday criticised a destructive anti-satellite missile test that it said had created "
          "hundreds of pieces of debris in low orbit.",
          "The French military space command said its space domain awareness radar had tracked the fragments "
          "and warned operators of the risk to their satellites.",
          "Paris called on all states to declare a moratorium on such tests.", expect=MS),
    story("ians-wire", "isro-military-satellite", 78, "Sriharikota", "India launches military satellite for navy communications",
          "India on Tuesday launched a military satellite that will link warships, submarines and aircraft of "
          "the navy, the defence ministry said.",
          "The satellite lifted off on a GSLV rocket and was placed in geostationary transfer orbit.",
          "Officials said it would strengthen early warning and command links across the Indian Ocean.",
          expect=MS),
    story("staff-desk", "space-domain-awareness", 150, "Washington DC",
          "Commercial telescopes join military space domain awareness network",
          "A network of commercial telescopes in Chile, Namibia and Australia now feeds data to the military "
          "space domain awareness system used by the US and its allies.",
          "The firms watch geostationary orbit at night and report when a satellite changes course.",
          "Officials at Space Command said the data had already helped spot a spy satellite manoeuvring close "
          "to an allied communications satellite.", expect=MS),
    story("upi-wire", "reconnaissance-launch", 200, "Vandenberg Space Force Base",
          "Spy satellite launch adds to reconnaissance satellite fleet",
          "A rocket carrying several reconnaissance satellites for the National Reconnaissance Office lifted "
          "off from California early on Thursday.",
          "The agency did not disclose the mission's purpose, but said the spy satellite constellation would "
          "give analysts more frequent images of the same places.",
          "It was the fourth such launch this year for the Space Force's western range.",
          byline="By Jane Doe, UPI", expect=MS),
    story("afp-wire", "japan-early-warning", 330, "Tokyo", "Japan to build early warning satellites against hypersonic missiles",
          "Japan will build its own early warning satellites to detect hypersonic missiles, the defence "
          "ministry said on Monday.",
          "The plan, which still needs parliament's approval, would put a small constellation in low orbit by "
          "the end of the decade.",
          "Tokyo currently relies on US missile warning data.", expect=MS),
    story("ians-wire", "drdo-interceptor", 480, "Balasore", "DRDO tests missile defense interceptor over Bay of Bengal",
          "The Defence Research and Development Organisation (DRDO) on Wednesday tested a missile defense "
          "interceptor that destroyed a target at high altitude over the Bay of Bengal.",
          "Officials said tracking data came from radars on the coast and from a military satellite.",
          "The defence minister congratulated the scientists on the test.", expect=MS),
    story("staff-desk", "space-force-budget", 700, "Washington DC",
          "Space Force wants more money for satellites that can move",
          "The US Space Force has asked for funds to develop military satellites that can refuel in orbit and "
          "change position to avoid threats.",
          "Officials say satellites that cannot move are easy targets for anti-satellite weapons.",
          "The service plans a first demonstration with a commercial tanker in two years.", expect=MS),
    story("afp-wire", "uk-space-command", 790, "London", "Britain opens space command headquarters",
          "Britain on Thursday opened a new headquarters for its military space command at an air base west "
          "of London.",
          "The command will operate the country's military satellites and track threats in orbit.",
          "Officials said it would work closely with the US Space Force and NATO.", expect=MS),
]
