using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class StateHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recommendation_state_history",
                columns: table => new
                {
                    id = table
                        .Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_day = table.Column<DateOnly>(type: "date", nullable: false),
                    to_day = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rag = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    is_overdue = table.Column<bool>(type: "boolean", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recommendation_state_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_recommendation_state_history_recommendations_recommendation",
                        column: x => x.recommendation_id,
                        principalTable: "recommendations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendation_state_history_from_day_to_day",
                table: "recommendation_state_history",
                columns: new[] { "from_day", "to_day" }
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendation_state_history_recommendation_id_from_day",
                table: "recommendation_state_history",
                columns: new[] { "recommendation_id", "from_day" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "ix_state_history_open",
                table: "recommendation_state_history",
                column: "recommendation_id",
                unique: true,
                filter: "to_day IS NULL"
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "recommendation_state_history");
        }
    }
}
