"""Launchers and satellite business (site "spaceindustry")."""

from dateline.pipeline.demo.stories.base import story

LA, SA = "launchers", "satellites"

STORIES = [
    story("afp-wire", "ariane-weather", 6, "Kourou, French Guiana", "Ariane 6 rocket puts European weather satellite in orbit",
          "An Ariane 6 rocket lifted off from Europe's spaceport in Kourou, French Guiana on Sunday and placed a "
          "new weather satellite in orbit, Arianespace said.",
          "Liftoff came at 21:05 local time and the upper stage released the satellite about an hour later.",
          "It was the fourth launch of the new European rocket, which is meant to give the continent "
          "independent access to space.", expect=LA),
    story("upi-wire", "ariane-weather", 7, "Kourou, French Guiana", "Ariane 6 rocket launches European weather satellite",
          "An Ariane 6 rocket lifted off from Europe's spaceport in Kourou, French Guiana on Sunday and placed a "
          "European weather satellite in orbit, Arianespace said.",
          "The upper stage released the satellite about an hour after liftoff, officials said.",
          "It was the fourth launch of the new European rocket.", byline="By Tom Alvarez, UPI", expect=LA),
    story("staff-desk", "reusable-booster", 20, "Cape Canaveral FL", "Reusable booster flies for the 25th time",
          "A Falcon 9 first stage flew for the 25th time on Saturday, landing on a drone ship after sending 23 "
          "broadband satellites to orbit.",
          "The booster first flew four years ago and has since carried crew, cargo and commercial satellites.",
          "Engineers say the reusable rocket's limit is now set by inspections rather than by design.",
          expect=LA),
    story("ians-wire", "isro-pslv", 44, "Sriharikota", "ISRO's PSLV rocket lifts off with nine satellites",
          "ISRO's Polar Satellite Launch Vehicle (PSLV) lifted off from the launch pad at Sriharikota on "
          "Monday with nine satellites, including an Earth observation satellite for the country's farmers.",
          "The rocket's fourth stage was later used as a platform for experiments, the space agency said.",
          "ISRO chairman said the launch showed the maturity of the workhorse launch vehicle.", expect=LA),
    story("afp-wire", "vega-c-return", 120, "Paris", "Vega-C rocket cleared for return to flight",
          "Europe's Vega-C rocket has been cleared to return to flight after engineers fixed the nozzle that "
          "caused a launch failure, the European Space Agency said on Wednesday.",
          "A new engine test in Sardinia confirmed the repair, officials said.",
          "The next launch from Kourou is planned within three months.", expect=LA),
    story("upi-wire", "new-glenn-pad", 190, "Cape Canaveral, Fla.", "New heavy rocket rolls out to launch pad",
          "A new heavy-lift rocket rolled out to its launch pad at Cape Canaveral on Thursday for a full "
          "rehearsal of launch day, the company said.",
          "Engineers will fill the booster with propellant and count down to just before engine ignition.",
          "A first launch could follow within weeks if the test goes well.", byline="By Jane Doe, UPI", expect=LA),
    story("staff-desk", "uk-spaceport", 300, "Unst, Scotland", "Scottish spaceport completes first static engine test",
          "A rocket on a launch pad on the island of Unst fired its first stage engines for eight seconds on "
          "Tuesday, the first such engine test at a British spaceport.",
          "The launch vehicle is designed to carry small satellites to polar orbit.",
          "The company hopes to attempt an orbital launch next year.", expect=LA),
    story("ians-wire", "skyroot-vikram", 450, "Hyderabad", "Skyroot completes engine test for private Vikram rocket",
          "Hyderabad-based Skyroot Aerospace on Thursday completed a full-duration engine test of the upper "
          "stage of its Vikram-1 rocket.",
          "The startup plans the first orbital launch of the private rocket from Sriharikota later this year.",
          "Officials said the test was a key step towards India's first private launch vehicle.", expect=LA),
    story("afp-wire", "china-reusable", 560, "Beijing", "Chinese firm lands reusable rocket stage after test flight",
          "A Chinese private company landed the first stage of a reusable rocket after a test flight to 10 "
          "kilometres, state media reported on Friday.",
          "The booster flew for about four minutes before returning to a landing pad in the Gobi desert.",
          "Several Chinese firms are racing to develop reusable rockets to cut the cost of launch.", expect=LA),
    story("upi-wire", "launch-cadence", 760, "Washington", "Launches hit record pace as rockets fly every other day",
          "Rockets are lifting off at a record pace this year, with a launch somewhere in the world on average "
          "every 44 hours, according to an industry tally released Monday.",
          "Most of the launches carried broadband satellites, the report said.",
          "Analysts said reusable boosters had cut prices enough to open new markets.",
          byline="By Priya Raman, UPI", expect=LA),
    story("afp-wire", "eutelsat-contract", 12, "Paris", "Satellite operator signs broadband constellation contract",
          "European satellite operator Eutelsat on Monday signed a contract for 100 more satellites for its "
          "broadband constellation in low orbit.",
          "The contract is worth about one billion euros, the company said, without naming the manufacturer.",
          "The investment is meant to keep Europe in the race against larger American constellations.",
          expect=SA),
    story("staff-desk", "earth-observation-funding", 36, "San Francisco CA",
          "Earth observation startup raises new investment for satellite constellation",
          "An Earth observation startup said on Wednesday it had raised 120 million dollars in new investment to "
          "expand its satellite constellation to 60 spacecraft.",
          "The company sells radar images that can see through cloud and at night.",
          "Customers include insurers, farmers and governments.", expect=SA),
    story("upi-wire", "spectrum-ruling", 60, "Washington", "Regulator approves spectrum for satellite broadband to phones",
          "The Federal Communications Commission on Tuesday approved the use of spectrum for satellite "
          "broadband sent directly to mobile phones.",
          "The ruling lets a satellite operator and a mobile carrier offer text and data in areas without "
          "towers.",
          "Rival constellation operators had asked the regulator to limit interference.",
          byline="By Martin Kessler, UPI", expect=SA),
    story("ians-wire", "nsil-contract", 100, "Bengaluru", "NSIL wins contract to build satellites for foreign operator",
          "NewSpace India Limited (NSIL) on Thursday signed a contract to build two communication satellites for "
          "a foreign satellite operator, its first such export order.",
          "The geostationary satellites will be built in Bengaluru and launched on an Indian rocket.",
          "Officials said the contract would bring investment into the country's satellite industry.",
          expect=SA),
    story("esa-news", "copernicus-sentinel", 140, "Paris", "New Copernicus satellite sends first Earth observation images",
          "The newest Copernicus Sentinel satellite has sent its first Earth observation images, showing "
          "glaciers in Greenland and farmland in France.",
          "The satellite joins a constellation that gives free data to scientists, governments and businesses.",
          "Operators at the ground station in Germany said all instruments were working well.", expect=SA),
    story("afp-wire", "geostationary-failure", 240, "Luxembourg", "Satellite operator loses geostationary satellite after power fault",
          "Luxembourg-based satellite operator SES said on Friday it had lost contact with one of its "
          "geostationary satellites after a power fault.",
          "The satellite carried television channels for Europe, which were moved to other spacecraft.",
          "The company said the loss was insured and would not affect its investment plans.", expect=SA),
    story("staff-desk", "ground-station-network", 380, "Tromso, Norway",
          "Arctic ground station network expands for polar satellites",
          "A ground station operator in northern Norway has added twelve antennas to serve the growing number "
          "of satellites in polar orbit.",
          "Each satellite in a polar constellation passes over the Arctic on every orbit, making the region "
          "valuable for downloading data.",
          "The company said its investment was backed by contracts with three constellation operators.",
          expect=SA),
    story("upi-wire", "broadband-airlines", 520, "Seattle", "Airlines sign up for satellite broadband on flights",
          "Three airlines on Wednesday signed a contract to install satellite broadband on their fleets, "
          "promising free Wi-Fi on most routes.",
          "The service uses a constellation of satellites in low orbit that cuts delays compared with "
          "geostationary links.",
          "Installation on the first aircraft begins next month.", byline="By Tom Alvarez, UPI", expect=SA),
    story("ians-wire", "india-spectrum-policy", 650, "New Delhi", "India sets rules on spectrum for satellite broadband",
          "India's telecom regulator on Monday released rules for assigning spectrum to satellite broadband "
          "services, clearing the way for constellation operators to start service.",
          "The spectrum will be assigned administratively rather than auctioned, the regulator said.",
          "Industry groups welcomed the decision, saying it would attract investment.", expect=SA),
    story("esa-news", "esa-iris2", 800, "Paris", "ESA and EU sign contract for secure satellite constellation",
          "ESA and the European Union have signed a contract to develop a secure satellite constellation for "
          "government and broadband users.",
          "The constellation will combine satellites in low and medium orbit with geostationary satellites.",
          "Industry partners will share the investment with public funding.", expect=SA),
]
