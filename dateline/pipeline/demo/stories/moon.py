"""Lunar exploration (site "moondaily")."""

from dateline.pipeline.demo.stories.base import story

MO = "lunar-exploration"

STORIES = [
    story("ians-wire", "chandrayaan-orbit", 4, "Bengaluru", "Chandrayaan-4 enters lunar orbit ahead of landing",
          "ISRO's Chandrayaan-4 spacecraft entered lunar orbit on Thursday, a week before its lander is due to "
          "touch down near the Moon's south pole, ISRO said.",
          "The lander will collect regolith and return it to Earth, a first for India.",
          "ISRO chairman said all systems were normal.", expect=MO),
    story("afp-wire", "chandrayaan-orbit", 6, "Bangalore, India", "India's Chandrayaan-4 enters lunar orbit",
          "India's Chandrayaan-4 spacecraft entered lunar orbit on Thursday, a week before its lander is due to "
          "touch down near the Moon's south pole, the ISRO space agency said.",
          "The lander will collect lunar soil and return it to Earth, a first for India.", expect=MO),
    story("nasa-news", "artemis-crew", 28, "Houston TX", "Artemis crew trains for lunar flyby",
          "The four astronauts of NASA's next Artemis mission have started simulations of their flight around "
          "the Moon at the Johnson Space Center.",
          "The crew will test the Orion spacecraft's life support before later missions land on the lunar "
          "surface.",
          "NASA says the mission will fly no earlier than next spring.", credit="NASA", expect=MO),
    story("afp-wire", "change7", 64, "Beijing", "China's Chang'e-7 to hunt for water ice at lunar south pole",
          "China will launch its Chang'e-7 mission to the lunar south pole next year to search for water ice in "
          "shadowed craters, the space agency said on Monday.",
          "The mission includes an orbiter, a lander, a rover and a small hopping probe.",
          "China plans to build a lunar base with Russia in the 2030s.", expect=MO),
    story("upi-wire", "lunar-lander-commercial", 90, "Houston", "Commercial lander touches down on the Moon",
          "A commercial lander touched down on the Moon on Sunday, the company said, carrying NASA instruments "
          "to study lunar dust and the thin lunar atmosphere.",
          "The lander settled upright in a crater near the Moon's northeast edge.",
          "It is the second private spacecraft to land on the lunar surface.",
          byline="By Priya Raman, UPI", expect=MO),
    story("esa-news", "lunar-gateway-module", 135, "Noordwijk", "Europe's module for the Lunar Gateway completes tests",
          "A European module for the Lunar Gateway, the small station that will orbit the Moon, has completed "
          "vibration tests in the Netherlands.",
          "The module will provide living space and refuelling for astronauts on their way to the lunar "
          "surface.",
          "It will be shipped to the United States for launch on an Artemis mission.", expect=MO),
    story("staff-desk", "moonquakes", 210, "Washington DC", "Moonquakes could threaten a lunar base, study finds",
          "Shallow moonquakes along young faults near the lunar south pole could damage a future lunar base, "
          "scientists report.",
          "The faults formed as the Moon cooled and shrank, and some may still be active.",
          "The researchers say landing sites should be chosen away from the steepest scarps.", expect=MO),
    story("nasa-news", "lro-craters", 320, "Greenbelt MD", "Lunar orbiter maps coldest craters at the south pole",
          "NASA's Lunar Reconnaissance Orbiter has mapped the coldest craters at the Moon's south pole, where "
          "temperatures never rise above minus 230 degrees Celsius.",
          "Water ice trapped in such craters could be mined by future lunar explorers.",
          "The maps will guide landing sites for Artemis astronauts.", credit="NASA", expect=MO),
    story("ians-wire", "lunar-regolith-bricks", 470, "Chennai", "IIT researchers make bricks from lunar regolith simulant",
          "Researchers at IIT Madras have made bricks from a simulant of lunar regolith, the institute said "
          "on Wednesday.",
          "The bricks could be used to build shelters for a lunar base without carrying material from Earth.",
          "The team used bacteria to bind the soil, the institute said.", expect=MO),
    story("afp-wire", "japan-moon-rover", 610, "Tokyo", "Japan and Toyota show pressurised Moon rover",
          "Japan's space agency and carmaker Toyota on Tuesday showed a model of a pressurised rover that "
          "astronauts could drive on the Moon for a month.",
          "The lunar vehicle would let crews explore hundreds of kilometres from their lander.",
          "Japan hopes one of its astronauts will walk on the Moon in an Artemis mission.", expect=MO),
    story("upi-wire", "artemis-suits", 740, "Houston", "NASA tests Artemis moonwalk suits in desert",
          "NASA on Thursday finished a week of tests in the Arizona desert of the suits Artemis astronauts will "
          "wear on the Moon.",
          "Crews practised collecting rocks and driving a lunar rover in terrain similar to the south pole.",
          "Engineers said the suits held up well.", byline="By Jane Doe, UPI", expect=MO),
]
